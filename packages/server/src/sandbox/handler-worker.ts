import type { EntrypointValues, HandlerArgs, HandlerEntrypoint } from '../core/ports/handler-runner.js';
import type { WorkerProcess, WorkerReply } from './worker-process.js';
import { parseCallOutcome, parseLoadOutcome, type Outcome, type WorkerRequest } from './worker-protocol.js';

/** What a pool needs from a worker; faked in the pool's unit tests. */
export interface PoolWorker<V> {
  /** Runs the module's top level once. */
  load(timeoutMs: number): Promise<Outcome<null>>;
  call(args: HandlerArgs, timeoutMs: number): Promise<Outcome<V>>;
  kill(): void;
  /** Settles once the process is gone, so its uid holds no process any more. */
  readonly exited: Promise<void>;
}

export interface HandlerWorkerTiming {
  /** Process start allowance, on top of the load's own budget. */
  startTimeoutMs: number;
  /** How long past its own soft deadline runner.py gets to report a timeout. */
  killGraceMs: number;
}

/** One worker loaded with one handler's code: the protocol on top of a WorkerProcess. */
export class HandlerWorker<E extends HandlerEntrypoint> implements PoolWorker<EntrypointValues[E]> {
  readonly #process: WorkerProcess;
  readonly #code: string;
  readonly #entrypoint: E;
  readonly #timing: HandlerWorkerTiming;

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
    return this.#outcome(reply, timeoutMs, parseLoadOutcome);
  }

  async call(args: HandlerArgs, timeoutMs: number): Promise<Outcome<EntrypointValues[E]>> {
    const request: WorkerRequest = { op: 'call', ...args, timeoutMs };
    const reply = await this.#process.request(request, timeoutMs + this.#timing.killGraceMs);
    return this.#outcome(reply, timeoutMs, (frame) => parseCallOutcome(frame, this.#entrypoint));
  }

  kill(): void {
    this.#process.kill();
  }

  #outcome<V>(
    reply: WorkerReply,
    timeoutMs: number,
    parse: (frame: unknown) => Outcome<V> | undefined,
  ): Outcome<V> {
    const noOutput = { stdout: '', stderr: '', retire: true };
    if (!reply.ok) {
      const { kind, message } = reply.fault;
      const why =
        kind === 'timeout'
          ? `the code did not finish within ${timeoutMs} ms; its worker was killed`
          : message;
      return { ok: false, error: { kind, message: why }, ...noOutput };
    }
    const outcome = parse(reply.frame);
    if (outcome) return outcome;
    const message = 'the worker broke the frame protocol (did the code write to fd 3?); it was killed';
    this.#process.kill({ kind: 'crashed', message });
    return { ok: false, error: { kind: 'crashed', message }, ...noOutput };
  }
}
