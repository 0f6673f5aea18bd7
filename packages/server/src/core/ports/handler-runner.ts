/**
 * The port through which user-written Python runs: HTTP handlers, queue auto-replies and bridge mappers.
 * User code never runs inside Node (STYLE rule 15); an adapter runs it in a sandboxed worker pool.
 */

/** Which function the user's code defines: `handler(body, headers[, request])` or `mapper(body, headers)`. */
export type HandlerEntrypoint = 'handler' | 'mapper';

/** What a three-parameter handler receives as `request` (a dict with these keys on the Python side). */
export interface HandlerRequestInfo {
  method: string;
  path: string;
  /** Path parameters captured by the stub's path template. */
  params: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string | readonly string[]>>;
}

/** What a three-parameter queue auto-reply handler receives as `request`: the message it answers. */
export interface MessageRequestInfo {
  queue: string;
  routingKey: string;
  exchange: string | null;
  redelivered: boolean;
  /** AMQP-named properties; the timestamp as an ISO date. */
  properties: Readonly<Record<string, string | number | boolean>>;
}

export interface HandlerArgs {
  /** Parsed JSON, or the body text. Must be JSON-serialisable. */
  body: unknown;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string>>;
  /** Passed only to handlers that declare a third parameter. */
  request?: HandlerRequestInfo | MessageRequestInfo;
}

export interface ValidateHandlerInput {
  code: string;
  entrypoint: HandlerEntrypoint;
  /** JSON pointer of the code field in the saved resource; defaults to `/response/code` or `/mapper/code`. */
  pointer?: string;
}

export interface RunHandlerInput<E extends HandlerEntrypoint = HandlerEntrypoint> {
  /** One pool per key: a stub or bridge id plus a hash of its code. Never share a key between handlers. */
  key: string;
  code: string;
  entrypoint: E;
  args: HandlerArgs;
  /** Wall-clock budget for this call once it has a worker (includes loading the code on a cold start). */
  timeoutMs: number;
}

/** A body or message as the user returned it: JSON values, text (a Python str) or raw bytes. */
export type HandlerPayload =
  { type: 'json'; value: unknown } | { type: 'text'; value: string } | { type: 'bytes'; base64: string };

/**
 * A handler's return value, already converted (by the trusted runner) into an HTTP response:
 * a dict/list/number/bool → 200 JSON, a str → 200 text, `(status, body)`, `(status, body, headers)`.
 * `content-type` is filled in from the body type unless the user set it; `body` is null for `None`.
 */
export interface HandlerResponse {
  status: number;
  headers: Record<string, string>;
  body: HandlerPayload | null;
}

/** A mapper's return value: `None` → no messages, a list → one message per item, `(body, headers)` → one. */
export interface MapperOutput {
  messages: { body: HandlerPayload; headers: Record<string, string> }[];
}

export interface EntrypointValues {
  handler: HandlerResponse;
  mapper: MapperOutput;
}

/**
 * Why a call failed. `exception` and `bad-return` are the user's fault; `timeout`, `output-limit` and
 * `crashed` mean the worker was stopped or died (it is replaced; the next call gets a fresh one).
 */
export type HandlerFailureKind = 'exception' | 'timeout' | 'bad-return' | 'output-limit' | 'crashed';

export interface HandlerFailure {
  kind: HandlerFailureKind;
  message: string;
  /** The Python traceback, user frames only, when there is one. */
  traceback?: string;
}

interface HandlerRunOutput {
  /** What the call printed, capped. */
  stdout: string;
  stderr: string;
  /** Wall time from handing the call to a worker to its result (a cold start's spawn included). */
  durationMs: number;
}

export type HandlerRunResult<V> = ({ ok: true; value: V } | { ok: false; error: HandlerFailure }) &
  HandlerRunOutput;

export interface HandlerRunner {
  /**
   * Checks code at save time without running it: it must compile and define the entrypoint with
   * 2 or 3 parameters (handler) or 2 (mapper). Throws a `HANDLER_INVALID` error pointing at the line.
   */
  validate(input: ValidateHandlerInput): Promise<void>;
  /**
   * Runs one call. Failures of the user's code come back as `{ ok: false }`; it throws only when the
   * call cannot be attempted: the pool's queue is full (`HANDLER_BUSY`) or the sandbox is unavailable.
   */
  run<E extends HandlerEntrypoint>(input: RunHandlerInput<E>): Promise<HandlerRunResult<EntrypointValues[E]>>;
  /** Stops every worker; queued calls are rejected. */
  close(): Promise<void>;
}
