import type { IncomingMessage, ServerResponse } from 'node:http';
// The module binding, not the global: Node's global `performance` is a getter looked up per call.
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { CompiledStub } from '../../core/matching/compile-stub.js';
import type { RequestSnapshot } from '../../core/matching/request-snapshot.js';
import type { HandlerRunner } from '../../core/ports/index.js';
import type { RandomSource } from '../../core/responses/plan-static-response.js';
import type { CompiledStaticResponse, StaticResponsePlan } from '../../core/responses/static-response.js';
import type { JournalWriter } from '../../services/journal-writer.js';
import type { LiveService } from '../../services/mock-registry.js';
import { decide, matchingStub, type MockDecision } from '../../services/serve-mock.js';
import { answerDecision, journalAnswer, journalError, staticAnswer, type MockAnswer } from './mock-answer.js';
import { lazySnapshotOf } from './to-snapshot.js';
import { BodyTooLarge, EMPTY, readBody } from './raw-body.js';

export interface FastPathDeps {
  journal: JournalWriter;
  handlers: HandlerRunner;
  random: RandomSource;
  extraHeaders: Readonly<Record<string, string>>;
  bodyLimitBytes: number;
  log: Logger;
}

export type RawResolver = (req: IncomingMessage) => { live: LiveService; prefixLength: number } | undefined;

type HeaderList = readonly (string | readonly string[])[];

/** A static stub's answer with its header list and body ready to hand to Node. */
interface PreparedAnswer {
  readonly answer: MockAnswer;
  readonly headers: HeaderList;
  /** Small bodies as a latin1 string: Node then sends head and body in one write, not a writev. */
  readonly body: string | Buffer;
}

// Above this a body stays a Buffer: joining it to the head as a string would copy it.
const MAX_STRING_BODY = 16 * 1024;

const toBuffer = (body: Uint8Array): Buffer =>
  Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);

// Statuses that carry no body, so no Content-Length either (RFC 9110 §8.6).
const BODYLESS_STATUS = (status: number) => status < 200 || status === 204 || status === 304;

/**
 * The header list with Content-Length added: Node only works it out itself when the headers are
 * still unsent at `end()`, and after `writeHead` it falls back to chunked framing, which costs the
 * client a parse and the server a five-part writev per response. A stub that sets its own framing
 * header keeps it.
 */
function withContentLength(list: HeaderList, status: number, length: number): HeaderList {
  if (BODYLESS_STATUS(status)) return list;
  for (let i = 0; i < list.length; i += 2) {
    const name = (list[i] as string).toLowerCase();
    if (name === 'content-length' || name === 'transfer-encoding') return list;
  }
  return [...list, 'content-length', String(length)];
}

/**
 * Node validates every header it is given on every response, so the header list of a stub's answer
 * (the stub's own headers plus this port's, and its Content-Length) is built once per stub and
 * reused, and so is the body in the form Node sends fastest.
 */
class ResponseWriter {
  readonly #prepared = new WeakMap<StaticResponsePlan, PreparedAnswer>();
  readonly #headerLists = new WeakMap<object, HeaderList>();
  constructor(private readonly extra: Readonly<Record<string, string>>) {}

  /** The answer of a static stub without a random delay, worked out on its first request. */
  prepared(stub: CompiledStub, response: CompiledStaticResponse): PreparedAnswer {
    let prepared = this.#prepared.get(response.plan);
    if (prepared === undefined) {
      const answer = staticAnswer(stub, response.plan);
      const bytes = toBuffer(answer.body);
      prepared = {
        answer,
        headers: withContentLength(this.#headers(answer.headers), answer.status, bytes.length),
        body: bytes.length <= MAX_STRING_BODY ? bytes.toString('latin1') : bytes,
      };
      this.#prepared.set(response.plan, prepared);
    }
    return prepared;
  }

  sendPrepared(req: IncomingMessage, res: ServerResponse, prepared: PreparedAnswer): void {
    const { answer, body } = prepared;
    if (answer.fault) return cut(req, answer.fault);
    res.writeHead(answer.status, prepared.headers as string[]);
    if (typeof body === 'string') res.end(body, 'latin1');
    else res.end(body);
  }

  send(req: IncomingMessage, res: ServerResponse, answer: MockAnswer): void {
    if (answer.fault) return cut(req, answer.fault);
    const body = toBuffer(answer.body);
    const headers = withContentLength(this.#headers(answer.headers), answer.status, body.length);
    res.writeHead(answer.status, headers as string[]);
    res.end(body);
  }

  #headers(headers: MockAnswer['headers']): HeaderList {
    let list = this.#headerLists.get(headers);
    if (list === undefined) {
      list = Object.entries({ ...this.extra, ...headers }).flat();
      this.#headerLists.set(headers, list);
    }
    return list;
  }
}

function cut(req: IncomingMessage, fault: NonNullable<MockAnswer['fault']>): void {
  if (fault === 'connection-reset') req.socket.resetAndDestroy();
  else req.socket.end();
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

/** A static stub answered the moment it is chosen: no delay to wait out, no body to read. */
function isImmediate(stub: CompiledStub): stub is CompiledStub & { response: CompiledStaticResponse } {
  return stub.response.kind === 'static' && stub.response.delay.max === 0;
}

interface Call {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly live: LiveService;
  readonly prefixLength: number;
  readonly started: number;
}

/**
 * Everything but an immediate static answer: reading a body, waiting out a delay, a Python handler,
 * a no-match. A request without a body arrives with the snapshot and decision already made.
 */
async function serveAsync(
  call: Call,
  deps: FastPathDeps,
  writer: ResponseWriter,
  known?: { snapshot: RequestSnapshot; decision: MockDecision },
): Promise<void> {
  const { req, res, live } = call;
  let snapshot = known?.snapshot;
  let decision = known?.decision;
  if (snapshot === undefined || decision === undefined) {
    const body = await readBody(req, deps.bodyLimitBytes);
    snapshot = lazySnapshotOf(req, call.prefixLength, body);
    decision = decide(live, snapshot);
  }
  if (decision.kind === 'proxy') throw new Error('a service that forwards reached the fast path');
  const answer = await answerDecision(decision, live, snapshot, deps.handlers, deps.random);
  writer.send(req, res, answer);
  journalAnswer(deps.journal, live, snapshot, answer, performance.now() - call.started);
}

function journalRefusal(call: Call, status: number, message: string, deps: FastPathDeps): void {
  journalError(
    deps.journal,
    call.live,
    lazySnapshotOf(call.req, call.prefixLength, EMPTY),
    status,
    message,
    0,
  );
}

/**
 * Serves mock traffic of services that never forward straight on node:http, ahead of Fastify: a stub
 * answer then costs little more than a bare server's (issue 3's speed target), while forwarding,
 * which needs reply-from's streaming, stays on the Fastify routes. Returns false for requests it
 * leaves to Fastify.
 *
 * The common case — no body, a static stub without a delay — is answered synchronously, in the
 * same tick the request arrived, with no object built beyond the snapshot and the journal record.
 */
export function createFastMockListener(resolve: RawResolver, deps: FastPathDeps) {
  const writer = new ResponseWriter(deps.extraHeaders);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const resolved = resolve(req);
    if (resolved === undefined || resolved.live.forwards) return false;
    const started = performance.now();
    const { live, prefixLength } = resolved;
    let known: { snapshot: RequestSnapshot; decision: MockDecision } | undefined;
    try {
      if (!hasBody(req)) {
        const snapshot = lazySnapshotOf(req, prefixLength, EMPTY);
        const stub = matchingStub(live, snapshot);
        if (stub !== undefined && isImmediate(stub)) {
          const prepared = writer.prepared(stub, stub.response);
          writer.sendPrepared(req, res, prepared);
          journalAnswer(deps.journal, live, snapshot, prepared.answer, performance.now() - started);
          return true;
        }
        known = { snapshot, decision: decide(live, snapshot) };
      }
    } catch (error) {
      fail({ req, res, live, prefixLength, started }, error, deps);
      return true;
    }
    const call: Call = { req, res, live, prefixLength, started };
    serveAsync(call, deps, writer, known).catch((error: unknown) => fail(call, error, deps));
    return true;
  };
}

function fail(call: Call, error: unknown, deps: FastPathDeps): void {
  const { req, res } = call;
  if (res.headersSent) return void res.destroy();
  if (error instanceof BodyTooLarge) {
    const message = `The request body is larger than this server accepts (${deps.bodyLimitBytes} bytes)`;
    journalRefusal(call, 413, message, deps);
    return refuse(res, 413, 'BODY_TOO_LARGE', message, deps.extraHeaders);
  }
  deps.log.error({ err: error, url: req.url }, 'mock request failed');
  refuse(res, 500, 'INTERNAL', 'Internal error; the server log has the details', deps.extraHeaders);
}
