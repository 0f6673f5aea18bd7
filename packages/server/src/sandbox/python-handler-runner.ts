import type {
  EntrypointValues,
  HandlerEntrypoint,
  HandlerRunner,
  HandlerRunResult,
  RunHandlerInput,
  ValidateHandlerInput,
} from '../core/ports/handler-runner.js';
import { HandlerValidator } from './handler-validator.js';
import { HandlerWorker } from './handler-worker.js';
import { workerLaunch } from './sandbox-command.js';
import { resolveSandboxOptions, type SandboxOptions } from './sandbox-options.js';
import { SandboxUnavailableError } from './sandbox.errors.js';
import { runSandboxSelfTest, type SandboxStatus } from './self-test.js';
import { StandbyWorker } from './standby-worker.js';
import { WorkerPool } from './worker-pool.js';
import { WorkerProcess, type WorkerProcessLimits } from './worker-process.js';
import { WorkerSlots, type SlotUser } from './worker-slots.js';

const START_TIMEOUT_MS = 10_000;
const MAX_CODE_BYTES = 256 * 1024;
// Slot 0 (uid `uidBase`) belongs to the validator and the self-test; handler pools share the rest.
const VALIDATOR_SLOT = 0;

/** A pool of either entrypoint; `run` narrows its results back to the entrypoint asked for. */
type AnyPool = WorkerPool<EntrypointValues[HandlerEntrypoint]>;

interface PoolEntry {
  pool: AnyPool;
  code: string;
  entrypoint: HandlerEntrypoint;
}

/**
 * The HandlerRunner adapter: user Python in warm, sandboxed worker pools, one pool per key. Build it
 * with `PythonHandlerRunner.start(options)`, which runs the self-test first; when the sandbox does not
 * hold, every validate/run is refused with the self-test's reason and fix.
 */
export class PythonHandlerRunner implements HandlerRunner {
  readonly status: SandboxStatus;
  readonly #options: Readonly<SandboxOptions>;
  readonly #pools = new Map<string, PoolEntry>();
  readonly #draining = new Set<AnyPool>();
  readonly #slots: WorkerSlots;
  readonly #standby: StandbyWorker;
  readonly #validator: HandlerValidator;
  readonly #processLimits: WorkerProcessLimits;
  #closed = false;

  static async start(overrides: Partial<SandboxOptions> = {}): Promise<PythonHandlerRunner> {
    const options = resolveSandboxOptions(overrides);
    return new PythonHandlerRunner(options, await runSandboxSelfTest(options));
  }

  constructor(options: Readonly<SandboxOptions>, status: SandboxStatus) {
    this.#options = options;
    this.status = status;
    // JSON escapes (ensure_ascii) can make a character of output 12 bytes on the wire.
    const maxFrameBytes = options.maxResultBytes + 24 * options.outputLimitBytes + 64 * 1024;
    this.#processLimits = { maxFrameBytes, maxPipeBytes: options.outputLimitBytes };
    this.#slots = new WorkerSlots(VALIDATOR_SLOT + 1, options.maxWorkersTotal - 1, () => this.#slotUsers());
    this.#standby = new StandbyWorker((slot) => this.#spawn(slot), this.#slots);
    this.#validator = new HandlerValidator(() => this.#spawn(VALIDATOR_SLOT), {
      timeoutMs: options.validateTimeoutMs,
      idleTimeoutMs: options.idleTimeoutMs,
      maxChecksPerWorker: options.maxCallsPerWorker,
      maxCodeBytes: MAX_CODE_BYTES,
    });
  }

  validate(input: ValidateHandlerInput): Promise<void> {
    const refusal = this.#refusal();
    if (refusal) return Promise.reject(refusal);
    this.#standby.prime(); // code being saved is about to be called
    return this.#validator.validate(input);
  }

  run<E extends HandlerEntrypoint>(
    input: RunHandlerInput<E>,
  ): Promise<HandlerRunResult<EntrypointValues[E]>> {
    const refusal = this.#refusal();
    if (refusal) return Promise.reject(refusal);
    // The pool was made for this key's entrypoint, and its workers check every value against it.
    const result = this.#poolFor(input).run(input.args, input.timeoutMs);
    return result as Promise<HandlerRunResult<EntrypointValues[E]>>;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#allPools()];
    this.#pools.clear();
    this.#draining.clear();
    await Promise.all([...pools.map((pool) => pool.close()), this.#validator.close(), this.#standby.close()]);
  }

  #refusal(): SandboxUnavailableError | undefined {
    if (this.#closed) return new SandboxUnavailableError('The handler runner is shut down');
    if (this.status.ok) return undefined;
    return new SandboxUnavailableError(
      `Python handlers are disabled: ${this.status.reason}. Fix: ${this.status.fix}`,
    );
  }

  // A key whose code or entrypoint changed gets a new pool; the old one drains and disappears.
  #poolFor(input: RunHandlerInput): AnyPool {
    const entry = this.#pools.get(input.key);
    if (entry && entry.code === input.code && entry.entrypoint === input.entrypoint) return entry.pool;
    if (entry) {
      this.#draining.add(entry.pool);
      entry.pool.drain();
    }
    const { code, entrypoint } = input;
    const pool: AnyPool = new WorkerPool<EntrypointValues[HandlerEntrypoint]>(
      (acquired) => {
        const { process, slot } = this.#standby.take(acquired);
        const timing = { startTimeoutMs: START_TIMEOUT_MS, killGraceMs: this.#options.killGraceMs };
        return { worker: new HandlerWorker(process, code, entrypoint, timing), slot };
      },
      this.#slots,
      {
        maxWorkers: this.#options.maxWorkersPerHandler,
        maxQueue: this.#options.maxQueuePerHandler,
        idleTimeoutMs: this.#options.idleTimeoutMs,
        maxCallsPerWorker: this.#options.maxCallsPerWorker,
        retryAfterSeconds: this.#options.retryAfterSeconds,
        pipelineDepth: this.#options.pipelineDepth,
      },
      (empty) => this.#forget(input.key, empty),
    );
    this.#pools.set(input.key, { pool, code, entrypoint });
    return pool;
  }

  #forget(key: string, pool: AnyPool): void {
    this.#draining.delete(pool);
    if (this.#pools.get(key)?.pool === pool) this.#pools.delete(key);
  }

  *#slotUsers(): Iterable<SlotUser> {
    yield this.#standby;
    yield* this.#allPools();
  }

  *#allPools(): Iterable<AnyPool> {
    for (const entry of this.#pools.values()) yield entry.pool;
    yield* this.#draining;
  }

  #spawn(slot: number): WorkerProcess {
    return new WorkerProcess(workerLaunch(this.#options, slot), this.#processLimits);
  }
}
