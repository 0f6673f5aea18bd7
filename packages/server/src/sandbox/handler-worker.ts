import type {
  EntrypointValues,
  HandlerArgs,
  HandlerEntrypoint,
  HandlerFailureKind,
} from '../core/ports/handler-runner.js';
import type { WorkerProcess, WorkerReply } from './worker-process.js';
import { parseCallOutcome, parseLoadOutcome, type Outcome, type WorkerRequest } from './worker-protocol.js';

/**
 * How a call handed to a worker ended: its outcome, its time from reaching the head of the worker's
 * line to the reply (`ms`) and the time the code ran as runner.py measured it (`runMs`, NaN when
 * unknown); or the news that it never started (try elsewhere).
 */
export type CallReply<V> =
  { started: true; outcome: Outcome<V>; ms: number; runMs: number } | { started: false };

/** What a pool needs from a worker; faked in the pool's unit tests. */
export interface PoolWorker<V> {
  /** Runs the module's top level once. */
  load(timeoutMs: number): Promise<Outcome<null>>;
  /**
   * Hands a call over, possibly while an earlier one still runs (it then waits its turn), and calls
   * `done` once when it ended. False, and `done` is never called, when the worker is already gone.
   * Throws, with nothing sent, on arguments JSON cannot carry.
   */
  call(args: HandlerArgs, timeoutMs: number, done: (reply: CallReply<V>) => void): boolean;
  /** Stops the worker: a call it was running ends crashed; those waiting behind it never started. */
  kill(): void;
  /** Stops a worker that asked to retire: it starts nothing more, so no call it still holds started. */
  retire(): void;
  /** Settles once the process is gone, so its uid holds no process any more. */
  readonly exited: Promise<void>;
}

export interface HandlerWorkerTiming {
  /** Process start allowance, on top of the load's own budget. */
  startTimeoutMs: number;
  /** How long past its own soft deadline runner.py gets to report a timeout. */
  killGraceMs: number;
}

const NO_OUTPUT = { stdout: '', stderr: '', retire: true };

/** One worker loaded with one handler's code: the protocol on top of a WorkerProcess. */
export class HandlerWorker<E extends HandlerEntrypoint> implements PoolWorker<EntrypointValues[E]> {
  readonly #process: WorkerProcess;
  readonly #code: string;
  readonly #entrypoint: E;
  readonly #timing: HandlerWorkerTiming;
  /** Only a handler that declares `request` gets it sent. */
  #wantsRequest = true;

  constructor(process: WorkerProcess, code: string, entrypoint: E, timing: HandlerWorkerTiming) {
    this.#process = process;
    this.#code = code;
    this.#entrypoint = entrypoint;
    this.#timing = timing;
  }

  get exited(): Promise<void> {
    return this.#process.exited;
  }

  async load(timeoutMs: number): Promise<Outcome<null>> {
    const request: WorkerRequest = { op: 'load', code: this.#code, entrypoint: this.#entrypoint, timeoutMs };
    const deadline = this.#timing.startTimeoutMs + timeoutMs + this.#timing.killGraceMs;
    const reply = await this.#process.request(request, deadline);
    const outcome = this.#outcome(reply, timeoutMs, parseLoadOutcome);
    if (!outcome.ok) return outcome;
    this.#wantsRequest = outcome.value.arity === 3;
    return { ...outcome, value: null };
  }

  call(args: HandlerArgs, timeoutMs: number, done: (reply: CallReply<EntrypointValues[E]>) => void): boolean {
    const { body, headers } = args;
    const request = this.#wantsRequest ? args.request : undefined;
    const message: WorkerRequest = { op: 'call', timeoutMs, body, headers, request };
    return this.#process.send(message, timeoutMs + this.#timing.killGraceMs, (reply) => {
      if (!reply.ok && !reply.started) return done({ started: false });
      const outcome = this.#outcome(reply, timeoutMs, this.#parseCall);
      if (!reply.ok) return done({ started: true, outcome, ms: 0, runMs: NaN });
      const runMs = (reply.frame as { ms?: unknown }).ms;
      done({ started: true, outcome, ms: reply.ms, runMs: typeof runMs === 'number' ? runMs : NaN });
    });
  }

  /** One call as a promise, for one-off callers (the self-test). */
  callOnce(args: HandlerArgs, timeoutMs: number): Promise<Outcome<EntrypointValues[E]>> {
    return new Promise((resolve) => {
      const taken = this.call(args, timeoutMs, (reply) =>
        resolve(reply.started ? reply.outcome : this.#failure('crashed', 'the worker was gone')),
      );
      if (!taken) resolve(this.#failure('crashed', 'the worker was gone'));
    });
  }

  kill(): void {
    this.#process.kill();
  }

  retire(): void {
    this.#process.kill(undefined, false);
  }

  readonly #parseCall = (frame: unknown) => parseCallOutcome(frame, this.#entrypoint);

  #outcome<V>(
    reply: WorkerReply,
    timeoutMs: number,
    parse: (frame: unknown) => Outcome<V> | undefined,
  ): Outcome<V> {
    if (!reply.ok) {
      const { kind, message } = reply.fault;
      const why =
        kind === 'timeout'
          ? `the code did not finish within ${timeoutMs} ms; its worker was killed`
          : message;
      return this.#failure(kind, why);
    }
    const outcome = parse(reply.frame);
    if (outcome) return outcome;
    const message = 'the worker broke the frame protocol (did the code write to fd 3?); it was killed';
    // This reply's call is the culprit; the calls queued behind it are not.
    this.#process.kill({ kind: 'crashed', message }, false);
    return this.#failure('crashed', message);
  }

  #failure(kind: HandlerFailureKind, message: string): Outcome<never> {
    return { ok: false, error: { kind, message }, ...NO_OUTPUT };
  }
}
