import { DomainError, type ErrorDetail } from '../core/errors.js';

/** Where in the user's code a problem is, 1-based like Python's own messages and CodeMirror's lines. */
export interface CodePosition {
  line: number;
  column: number;
}

/** The user's code does not compile or does not define the entrypoint properly (found at save time). */
export class HandlerInvalidError extends DomainError {
  readonly code = 'HANDLER_INVALID';
  readonly status = 400;
  /** Set when the problem has a place in the code, so the editor can mark it inline. */
  readonly position: CodePosition | undefined;

  constructor(pointer: string, problem: string, position?: CodePosition) {
    const where = position ? `line ${position.line}, column ${position.column}: ` : '';
    const detail: ErrorDetail = { path: pointer, message: `${where}${problem}` };
    super(`Python code is invalid: ${detail.message}`, [detail]);
    this.position = position;
  }
}

/** The handler's queue is full; the HTTP layer answers 503 with `Retry-After`. */
export class HandlerBusyError extends DomainError {
  readonly code = 'HANDLER_BUSY';
  readonly status = 503;
  readonly retryAfterSeconds: number;

  constructor(queued: number, retryAfterSeconds: number) {
    super(`The handler is busy: ${queued} calls are already waiting for a worker`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Python handlers cannot run: the sandbox failed its self-test (e.g. bwrap is missing) or the runner
 * was shut down. The message says what to install or change.
 */
export class SandboxUnavailableError extends DomainError {
  readonly code = 'SANDBOX_UNAVAILABLE';
  readonly status = 503;
}
