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

const utf8 = new TextEncoder();

export function payloadBytes(payload: HandlerPayload | null): Uint8Array {
  if (payload === null) return new Uint8Array(0);
  if (payload.type === 'json') return utf8.encode(JSON.stringify(payload.value));
  if (payload.type === 'text') return utf8.encode(payload.value);
  return Uint8Array.from(atob(payload.base64), (c) => c.charCodeAt(0));
}

/** One pool per handler: the stub's id plus a hash of its code, so an edit gets fresh workers. */
export function handlerKey(stubId: string, code: string): string {
  return `${stubId}:${createHash('sha256').update(code).digest('hex').slice(0, 16)}`;
}

function errorAnswer(status: number, code: string, message: string, trace: HandlerTrace): PythonAnswer {
  const payload = { error: { code, message, details: [] }, traceback: trace.traceback };
  const headers = { 'content-type': 'application/json' };
  return { status, headers, body: utf8.encode(JSON.stringify(payload)), trace, error: message };
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
      key: handlerKey(stub.id, response.code),
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
    return { status, headers, body: payloadBytes(payload), trace };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const trace = { stdout: '', stderr: '', traceback: null, durationMs: 0 };
    const answer = errorAnswer(error.status, error.code, error.message, trace);
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') answer.headers['retry-after'] = String(retryAfter);
    return answer;
  }
}
