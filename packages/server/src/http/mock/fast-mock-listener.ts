import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { HandlerRunner } from '../../core/ports/index.js';
import type { RandomSource } from '../../core/responses/plan-static-response.js';
import type { JournalWriter } from '../../services/journal-writer.js';
import type { LiveService } from '../../services/mock-registry.js';
import { decide } from '../../services/serve-mock.js';
import { planStaticResponse } from '../../core/responses/plan-static-response.js';
import { answerDecision, journalAnswer, staticAnswer, type MockAnswer } from './mock-answer.js';
import { snapshotFrom, splitUrl } from './to-snapshot.js';

export interface FastPathDeps {
  journal: JournalWriter;
  handlers: HandlerRunner;
  random: RandomSource;
  extraHeaders: Readonly<Record<string, string>>;
  bodyLimitBytes: number;
  log: Logger;
}

export type RawResolver = (req: IncomingMessage) => { live: LiveService; prefixLength: number } | undefined;

const EMPTY = new Uint8Array(0);

class BodyTooLarge extends Error {}

// Over the limit, the rest of the body is read and dropped rather than the socket cut, so the
// client is still there to read the 413.
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once('end', () => {
      if (size > limit) reject(new BodyTooLarge());
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    });
    req.once('error', reject);
  });
}

/**
 * Node validates every header it is given on every response, so the header list of a stub's answer
 * (the stub's own headers plus this port's) is built once per stub and reused; the body goes out as
 * a Buffer view of the stub's precomputed bytes, and Node sets Content-Length itself.
 */
class ResponseWriter {
  readonly #headerLists = new WeakMap<object, readonly (string | readonly string[])[]>();
  readonly #buffers = new WeakMap<Uint8Array, Buffer>();
  constructor(private readonly extra: Readonly<Record<string, string>>) {}

  send(req: IncomingMessage, res: ServerResponse, answer: MockAnswer): void {
    if (answer.fault === 'connection-reset') return void req.socket.resetAndDestroy();
    if (answer.fault === 'empty-response') return void req.socket.end();
    res.writeHead(answer.status, this.#headers(answer.headers) as string[]);
    res.end(this.#buffer(answer.body));
  }

  #headers(headers: MockAnswer['headers']): readonly (string | readonly string[])[] {
    let list = this.#headerLists.get(headers);
    if (list === undefined) {
      list = Object.entries({ ...this.extra, ...headers }).flat();
      this.#headerLists.set(headers, list);
    }
    return list;
  }

  #buffer(body: Uint8Array): Buffer {
    if (Buffer.isBuffer(body)) return body;
    let buffer = this.#buffers.get(body);
    if (buffer === undefined) {
      buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      this.#buffers.set(body, buffer);
    }
    return buffer;
  }
}

function refuse(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: FastPathDeps['extraHeaders'],
) {
  const body = JSON.stringify({ error: { code, message, details: [] } });
  res.writeHead(status, { ...extra, 'content-type': 'application/json' });
  res.end(body);
}

const hasBody = (req: IncomingMessage) =>
  req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;

interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  live: LiveService;
  prefixLength: number;
  started: number;
}

/**
 * The common case — no body, a static stub without a delay — is answered synchronously, in the
 * same tick the request arrived; everything else goes through `serveAsync`.
 */
function serveSync(call: Call, deps: FastPathDeps, writer: ResponseWriter): boolean {
  if (hasBody(call.req)) return false;
  const { path, search } = splitUrl(call.req.url ?? '/', call.prefixLength);
  const snapshot = snapshotFrom(call.req.method ?? 'GET', call.req.headers, EMPTY, path, search);
  const decision = decide(call.live, snapshot);
  if (decision.kind !== 'stub' || decision.stub.response.kind !== 'static') return false;
  const plan = planStaticResponse(decision.stub.response, deps.random);
  if (plan.delayMs > 0) return false;
  const answer = staticAnswer(decision.stub, plan);
  writer.send(call.req, call.res, answer);
  journalAnswer(deps.journal, call.live, snapshot, answer, performance.now() - call.started);
  return true;
}

async function serveAsync(call: Call, deps: FastPathDeps, writer: ResponseWriter): Promise<void> {
  const { req, res, live } = call;
  const { path, search } = splitUrl(req.url ?? '/', call.prefixLength);
  const body = hasBody(req) ? await readBody(req, deps.bodyLimitBytes) : EMPTY;
  const snapshot = snapshotFrom(req.method ?? 'GET', req.headers, body, path, search);
  const decision = decide(live, snapshot);
  if (decision.kind === 'proxy') throw new Error('a service that forwards reached the fast path');
  const answer = await answerDecision(decision, live, snapshot, deps.handlers, deps.random);
  writer.send(req, res, answer);
  journalAnswer(deps.journal, live, snapshot, answer, performance.now() - call.started);
}

function journalRefusal(
  req: IncomingMessage,
  { live, prefixLength }: { live: LiveService; prefixLength: number },
  status: number,
  message: string,
  deps: FastPathDeps,
): void {
  const { path, search } = splitUrl(req.url ?? '/', prefixLength);
  const snapshot = snapshotFrom(req.method ?? 'GET', req.headers, EMPTY, path, search);
  const answer: MockAnswer = {
    kind: 'error',
    status,
    stubId: null,
    stubName: null,
    nearMisses: [],
    headers: {},
    body: EMPTY,
    fault: null,
    error: message,
  };
  journalAnswer(deps.journal, live, snapshot, answer, 0);
}

/**
 * Serves mock traffic of services that never forward straight on node:http, ahead of Fastify: a stub
 * answer then costs little more than a bare server's (issue 3's speed target), while forwarding,
 * which needs reply-from's streaming, stays on the Fastify routes. Returns false for requests it
 * leaves to Fastify.
 */
export function createFastMockListener(resolve: RawResolver, deps: FastPathDeps) {
  const writer = new ResponseWriter(deps.extraHeaders);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const resolved = resolve(req);
    if (!resolved || resolved.live.forwards) return false;
    const call: Call = { req, res, ...resolved, started: performance.now() };
    try {
      if (serveSync(call, deps, writer)) return true;
    } catch (error) {
      fail(call, error, deps);
      return true;
    }
    serveAsync(call, deps, writer).catch((error: unknown) => fail(call, error, deps));
    return true;
  };
}

function fail({ req, res, live, prefixLength }: Call, error: unknown, deps: FastPathDeps): void {
  if (res.headersSent) return void res.destroy();
  if (error instanceof BodyTooLarge) {
    const message = `The request body is larger than this server accepts (${deps.bodyLimitBytes} bytes)`;
    journalRefusal(req, { live, prefixLength }, 413, message, deps);
    return refuse(res, 413, 'BODY_TOO_LARGE', message, deps.extraHeaders);
  }
  deps.log.error({ err: error, url: req.url }, 'mock request failed');
  refuse(res, 500, 'INTERNAL', 'Internal error; the server log has the details', deps.extraHeaders);
}
