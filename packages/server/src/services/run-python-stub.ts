import { createHash } from 'node:crypto';
import type { HandlerTrace } from '@understudy/contracts';
import { DomainError } from '../core/errors.js';
import type { CompiledStub } from '../core/matching/compile-stub.js';
import type { RequestSnapshot } from '../core/matching/request-snapshot.js';
import type { CompiledPythonResponse } from '../core/responses/compile-response.js';
import type { HandlerFailureKind, HandlerPayload, HandlerRunner } from '../core/ports/index.js';

const DEFAULT_TIMEOUT_MS = 2_000;

/** What a Python stub answered, ready to send. */
export interface PythonAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  trace: HandlerTrace;
  error?: string;
}

// How each failure of the user's code reaches the client calling the mock.
const FAILURES: Record<HandlerFailureKind, { status: number; code: string }> = {
  exception: { status: 500, code: 'HANDLER_ERROR' },
  'bad-return': { status: 500, code: 'HANDLER_BAD_RETURN' },
  'output-limit': { status: 500, code: 'HANDLER_OUTPUT_LIMIT' },
  timeout: { status: 504, code: 'HANDLER_TIMEOUT' },
  crashed: { status: 502, code: 'HANDLER_CRASHED' },
};

const NO_BYTES = Buffer.alloc(0);

/** A Buffer, which the HTTP edge sends as it is. */
export function payloadBytes(payload: HandlerPayload | null): Uint8Array {
  if (payload === null) return NO_BYTES;
  if (payload.type === 'json') return Buffer.from(JSON.stringify(payload.value));
  if (payload.type === 'text') return Buffer.from(payload.value);
  return Buffer.from(payload.base64, 'base64');
}

const MEMO_LIMIT = 1024;
const digests = new Map<string, string>();

/** One pool per handler: the stub's id plus a hash of its code, so an edit gets fresh workers. */
export function handlerKey(stubId: string, code: string): string {
  let digest = digests.get(code);
  if (digest === undefined) {
    if (digests.size >= MEMO_LIMIT) digests.clear();
    digest = createHash('sha256').update(code).digest('hex').slice(0, 16);
    digests.set(code, digest);
  }
  return `${stubId}:${digest}`;
}

// The key of each compiled python response, so a request neither hashes the code nor builds a new
// key string (the runner looks its pool up by it).
const keys = new WeakMap<CompiledPythonResponse, { stubId: string; key: string }>();

function keyOf(stub: CompiledStub, response: CompiledPythonResponse): string {
  const known = keys.get(response);
  if (known?.stubId === stub.id) return known.key;
  const key = handlerKey(stub.id, response.code);
  keys.set(response, { stubId: stub.id, key });
  return key;
}

// Handlers mostly answer with the same few header sets: one frozen object per set lets the HTTP edge
// reuse the header list it built for it (and the journal its JSON) instead of building one per
// request. Most sets hold one header (the content-type), found by name and value without building a
// signature string; the rest by their JSON.
const singleHeaders = new Map<string, Map<string, Record<string, string>>>();
let singleCount = 0;
const headerSets = new Map<string, Record<string, string>>();

function sharedSingle(name: string, value: string, headers: Record<string, string>): Record<string, string> {
  let byValue = singleHeaders.get(name);
  const known = byValue?.get(value);
  if (known) return known;
  if (singleCount >= MEMO_LIMIT) {
    singleHeaders.clear();
    singleCount = 0;
    byValue = undefined;
  }
  if (!byValue) singleHeaders.set(name, (byValue = new Map()));
  byValue.set(value, Object.freeze(headers));
  singleCount += 1;
  return headers;
}

function sharedHeaders(headers: Record<string, string>): Record<string, string> {
  let only: string | undefined;
  let count = 0;
  for (const name in headers) {
    only = name;
    if (++count > 1) break;
  }
  if (count === 1) return sharedSingle(only!, headers[only!]!, headers);
  const signature = JSON.stringify(headers);
  const known = headerSets.get(signature);
  if (known) return known;
  if (headerSets.size >= MEMO_LIMIT) headerSets.clear();
  headerSets.set(signature, Object.freeze(headers));
  return headers;
}

function errorAnswer(status: number, code: string, message: string, trace: HandlerTrace): PythonAnswer {
  const payload = { error: { code, message, details: [] }, traceback: trace.traceback };
  const headers = { 'content-type': 'application/json' };
  return { status, headers, body: Buffer.from(JSON.stringify(payload)), trace, error: message };
}

/** Runs a Python stub for one request; never throws for the user's mistakes, only answers them. */
export async function runPythonStub(
  handlers: HandlerRunner,
  stub: CompiledStub,
  response: CompiledPythonResponse,
  snapshot: RequestSnapshot,
  params: Readonly<Record<string, string>>,
): Promise<PythonAnswer> {
  const body = snapshot.body.length === 0 ? null : (snapshot.json ?? snapshot.text);
  const request = { method: snapshot.method, path: snapshot.path, params, query: snapshot.query };
  try {
    const result = await handlers.run({
      key: keyOf(stub, response),
      code: response.code,
      entrypoint: 'handler',
      args: { body, headers: snapshot.headers, request },
      timeoutMs: response.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    const trace = {
      stdout: result.stdout,
      stderr: result.stderr,
      traceback: result.ok ? null : (result.error.traceback ?? null),
      durationMs: result.durationMs,
    };
    if (!result.ok) {
      const { status, code } = FAILURES[result.error.kind];
      return errorAnswer(status, code, result.error.message, trace);
    }
    const { status, headers, body: payload } = result.value;
    return { status, headers: sharedHeaders(headers), body: payloadBytes(payload), trace };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const trace = { stdout: '', stderr: '', traceback: null, durationMs: 0 };
    const answer = errorAnswer(error.status, error.code, error.message, trace);
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') answer.headers['retry-after'] = String(retryAfter);
    return answer;
  }
}
