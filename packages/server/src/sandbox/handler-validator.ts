import type { ValidateHandlerInput } from '../core/ports/handler-runner.js';
import { HandlerInvalidError } from './sandbox.errors.js';
import type { WorkerProcess } from './worker-process.js';
import { parseVerdict, type Verdict, type WorkerRequest } from './worker-protocol.js';

export interface ValidatorSettings {
  timeoutMs: number;
  idleTimeoutMs: number;
  maxChecksPerWorker: number;
  /** Longer code is refused without asking Python. */
  maxCodeBytes: number;
}

const DEFAULT_POINTERS = { handler: '/response/code', mapper: '/mapper/code' } as const;

/**
 * Save-time checks of user code, in one sandboxed worker of their own (slot 0) that only parses and
 * never runs user code. Checks are rare and quick, so one worker serves them one after another.
 */
export class HandlerValidator {
  readonly #spawn: () => WorkerProcess;
  readonly #settings: ValidatorSettings;
  #worker: WorkerProcess | undefined;
  #checks = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  #last: Promise<unknown> = Promise.resolve();

  constructor(spawn: () => WorkerProcess, settings: ValidatorSettings) {
    this.#spawn = spawn;
    this.#settings = settings;
  }

  /** Resolves when the code is fine; rejects with HandlerInvalidError pointing at the problem. */
  validate(input: ValidateHandlerInput): Promise<void> {
    const pointer = input.pointer ?? DEFAULT_POINTERS[input.entrypoint];
    if (Buffer.byteLength(input.code) > this.#settings.maxCodeBytes) {
      return Promise.reject(
        new HandlerInvalidError(pointer, `the code is longer than ${this.#settings.maxCodeBytes} bytes`),
      );
    }
    const verdict = this.#last.then(() => this.#check(input));
    this.#last = verdict.catch(() => undefined);
    return verdict.then((result) => {
      if (result.ok) return;
      const position =
        result.line !== undefined ? { line: result.line, column: result.column ?? 1 } : undefined;
      throw new HandlerInvalidError(pointer, result.problem, position);
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#retire();
    await worker?.exited;
  }

  async #check(input: ValidateHandlerInput): Promise<Verdict> {
    clearTimeout(this.#idleTimer);
    const worker = (this.#worker ??= this.#spawn());
    const request: WorkerRequest = { op: 'validate', code: input.code, entrypoint: input.entrypoint };
    const reply = await worker.request(request, this.#settings.timeoutMs);
    const verdict = reply.ok ? parseVerdict(reply.frame) : undefined;
    this.#checks += 1;
    if (!verdict || this.#checks >= this.#settings.maxChecksPerWorker) this.#retire();
    else this.#idleTimer = setTimeout(() => this.#retire(), this.#settings.idleTimeoutMs).unref();
    if (verdict) return verdict;
    // Parsing only, so a checker that dies or stalls was most likely fed pathological code.
    const why = reply.ok ? 'the checker gave a malformed answer' : reply.fault.message;
    return { ok: false, problem: `the code could not be checked: ${why}` };
  }

  #retire(): void {
    clearTimeout(this.#idleTimer);
    this.#worker?.kill();
    this.#worker = undefined;
    this.#checks = 0;
  }
}
