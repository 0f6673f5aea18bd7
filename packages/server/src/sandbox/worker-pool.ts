import type { HandlerArgs, HandlerRunResult } from '../core/ports/handler-runner.js';
import type { PoolWorker } from './handler-worker.js';
import { HandlerBusyError, SandboxUnavailableError } from './sandbox.errors.js';
import type { Outcome } from './worker-protocol.js';
import type { SlotUser, WorkerSlots } from './worker-slots.js';

export interface PoolSettings {
  maxWorkers: number;
  maxQueue: number;
  idleTimeoutMs: number;
  maxCallsPerWorker: number;
  retryAfterSeconds: number;
}

interface Call<V> {
  args: HandlerArgs;
  timeoutMs: number;
  resolve: (result: HandlerRunResult<V>) => void;
  reject: (error: Error) => void;
}

interface Member<V> {
  worker: PoolWorker<V>;
  slot: number;
  state: 'starting' | 'idle' | 'busy' | 'stopped';
  calls: number;
  idleSince: number;
  idleTimer: NodeJS.Timeout | undefined;
  /** Output and time of loading the module, reported with the first call the worker serves. */
  cold: { stdout: string; stderr: string; ms: number } | undefined;
}

export type WorkerFactory<V> = (slot: number) => PoolWorker<V>;

function toResult<V>(outcome: Outcome<V>, durationMs: number, cold?: Member<V>['cold']): HandlerRunResult<V> {
  const output = {
    stdout: (cold?.stdout ?? '') + outcome.stdout,
    stderr: (cold?.stderr ?? '') + outcome.stderr,
    durationMs: durationMs + (cold?.ms ?? 0),
  };
  return outcome.ok
    ? { ok: true, value: outcome.value, ...output }
    : { ok: false, error: outcome.error, ...output };
}

/**
 * The warm workers of one handler (one code, one entrypoint): from 0 up to `maxWorkers` processes,
 * each serving one call at a time, in front of them a bounded queue. Workers start on demand, retire
 * when idle too long, after `maxCallsPerWorker` calls, or when a call went wrong, and are replaced on
 * the next demand. Never shared between handlers.
 */
export class WorkerPool<V> implements SlotUser {
  readonly #factory: WorkerFactory<V>;
  readonly #slots: WorkerSlots;
  readonly #settings: PoolSettings;
  readonly #onEmpty: (pool: WorkerPool<V>) => void;
  readonly #queue: Call<V>[] = [];
  readonly #members = new Set<Member<V>>();
  #draining = false;
  #closed = false;

  constructor(
    factory: WorkerFactory<V>,
    slots: WorkerSlots,
    settings: PoolSettings,
    onEmpty: (pool: WorkerPool<V>) => void,
  ) {
    this.#factory = factory;
    this.#slots = slots;
    this.#settings = settings;
    this.#onEmpty = onEmpty;
  }

  get size(): number {
    return this.#members.size;
  }

  run(args: HandlerArgs, timeoutMs: number): Promise<HandlerRunResult<V>> {
    if (this.#closed) return Promise.reject(new SandboxUnavailableError('The handler runner is shut down'));
    // Calls waiting for a worker that is starting (or may still start) are not "queued" yet.
    const busy = [...this.#members].filter((member) => member.state === 'busy').length;
    const waiting = this.#queue.length - Math.max(0, this.#settings.maxWorkers - busy);
    if (waiting >= this.#settings.maxQueue) {
      return Promise.reject(new HandlerBusyError(waiting, this.#settings.retryAfterSeconds));
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ args, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  /** The code changed: serve what is queued, then let every worker go as soon as it is idle. */
  drain(): void {
    this.#draining = true;
    this.pump();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#slots.forget(this);
    const closed = new SandboxUnavailableError('The handler runner is shut down');
    for (const call of this.#queue.splice(0)) call.reject(closed);
    const members = [...this.#members];
    for (const member of members) this.#stop(member);
    await Promise.all(members.map((member) => member.worker.exited));
  }

  pump(): void {
    if (this.#closed) return;
    for (const member of this.#members) {
      const call = member.state === 'idle' ? this.#queue.shift() : undefined;
      if (call) void this.#serve(member, call);
      else if (member.state === 'idle' && this.#draining) this.#stop(member);
    }
    this.#startWanted();
    if (this.#members.size === 0 && this.#queue.length === 0) this.#onEmpty(this);
  }

  oldestIdleAt(): number | undefined {
    let oldest: number | undefined;
    for (const member of this.#members) {
      if (member.state === 'idle' && (oldest === undefined || member.idleSince < oldest))
        oldest = member.idleSince;
    }
    return oldest;
  }

  evictIdle(): void {
    const oldest = this.oldestIdleAt();
    const member = [...this.#members].find((m) => m.state === 'idle' && m.idleSince === oldest);
    if (member) this.#stop(member);
  }

  // One worker per queued call that no starting worker will take, within maxWorkers and free slots.
  #startWanted(): void {
    for (;;) {
      const starting = [...this.#members].filter((member) => member.state === 'starting').length;
      const forCall = this.#queue[starting];
      if (!forCall || this.#members.size >= this.#settings.maxWorkers) return;
      const slot = this.#slots.acquire(this);
      if (slot === undefined) return;
      const member = this.#launch(slot);
      if (!member) return;
      void this.#load(member, forCall.timeoutMs);
    }
  }

  #launch(slot: number): Member<V> | undefined {
    let worker: PoolWorker<V>;
    try {
      worker = this.#factory(slot);
    } catch (error) {
      this.#slots.release(slot);
      const message = `cannot start a worker: ${error instanceof Error ? error.message : String(error)}`;
      const failure = {
        ok: false as const,
        error: { kind: 'crashed' as const, message },
        stdout: '',
        stderr: '',
      };
      this.#failQueueIfHopeless({ ...failure, retire: true }, 0);
      return undefined;
    }
    const member: Member<V> = {
      worker,
      slot,
      state: 'starting',
      calls: 0,
      idleSince: 0,
      idleTimer: undefined,
      cold: undefined,
    };
    this.#members.add(member);
    void worker.exited.then(() => this.#onExit(member));
    return member;
  }

  async #load(member: Member<V>, timeoutMs: number): Promise<void> {
    const started = performance.now();
    const loaded = await member.worker.load(timeoutMs);
    const ms = performance.now() - started;
    if (member.state !== 'starting') return;
    if (loaded.ok) {
      member.cold = { stdout: loaded.stdout, stderr: loaded.stderr, ms };
      this.#idle(member);
    } else {
      this.#stop(member);
      this.#failQueueIfHopeless(loaded, ms);
    }
    this.pump();
  }

  // The module failed to load. If no worker of this pool is up, the queued calls would only start
  // more workers that fail the same way: give them this failure instead.
  #failQueueIfHopeless(failure: Extract<Outcome<null>, { ok: false }>, ms: number): void {
    const up = [...this.#members].some((member) => member.state === 'idle' || member.state === 'busy');
    if (up) return;
    for (const call of this.#queue.splice(0)) call.resolve(toResult<V>(failure, ms));
  }

  async #serve(member: Member<V>, call: Call<V>): Promise<void> {
    member.state = 'busy';
    clearTimeout(member.idleTimer);
    const started = performance.now();
    let outcome: Outcome<V>;
    try {
      outcome = await member.worker.call(call.args, call.timeoutMs);
    } catch (error) {
      // Arguments JSON cannot carry (a cycle, a BigInt): the caller's mistake; nothing reached the worker.
      call.reject(error instanceof Error ? error : new Error(String(error)));
      if (member.state === 'busy') this.#idle(member);
      this.pump();
      return;
    }
    call.resolve(toResult(outcome, performance.now() - started, member.cold));
    member.cold = undefined;
    member.calls += 1;
    if (member.state !== 'busy') return;
    if (outcome.retire || member.calls >= this.#settings.maxCallsPerWorker) this.#stop(member);
    else this.#idle(member);
    this.pump();
  }

  #idle(member: Member<V>): void {
    member.state = 'idle';
    member.idleSince = performance.now();
    member.idleTimer = setTimeout(() => this.#stop(member), this.#settings.idleTimeoutMs);
    member.idleTimer.unref();
  }

  #stop(member: Member<V>): void {
    member.state = 'stopped';
    clearTimeout(member.idleTimer);
    member.worker.kill();
  }

  #onExit(member: Member<V>): void {
    if (member.state !== 'stopped') this.#stop(member);
    this.#members.delete(member);
    this.#slots.release(member.slot);
    this.pump();
  }
}
