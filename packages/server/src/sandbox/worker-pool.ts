import type { HandlerArgs, HandlerRunResult } from '../core/ports/handler-runner.js';
import type { CallReply, PoolWorker } from './handler-worker.js';
import { HandlerBusyError, SandboxUnavailableError } from './sandbox.errors.js';
import type { Outcome } from './worker-protocol.js';
import type { SlotUser, WorkerSlots } from './worker-slots.js';

export interface PoolSettings {
  maxWorkers: number;
  maxQueue: number;
  idleTimeoutMs: number;
  maxCallsPerWorker: number;
  retryAfterSeconds: number;
  /**
   * Most calls one worker may hold at once while the handler's calls are quick: one runs, the others
   * wait in its pipe, so a busy worker goes from call to call without sleeping in between, and the
   * other workers can sleep. 1 turns it off.
   */
  pipelineDepth: number;
}

/** A pipelined call waits behind others for about this long at most: depth × mean run time. */
const PIPELINE_WAIT_MS = 1;
/** Weight of the newest call in the running mean of run times. */
const MEAN_WEIGHT = 0.2;

interface Call<V> {
  args: HandlerArgs;
  timeoutMs: number;
  resolve: (result: HandlerRunResult<V>) => void;
  reject: (error: Error) => void;
}

interface Member<V> {
  worker: PoolWorker<V>;
  slot: number;
  state: 'starting' | 'ready' | 'stopped';
  /** Calls handed to the worker and not answered yet: the first runs, the rest wait their turn. */
  inFlight: number;
  /** Calls handed to it over its life. */
  calls: number;
  /** Date.now() when it last ran out of calls. */
  idleSince: number;
  idleTimer: NodeJS.Timeout | undefined;
  /** Output and time of loading the module, reported with the first call the worker serves. */
  cold: { stdout: string; stderr: string; ms: number } | undefined;
}

/**
 * Makes a worker for a pool that acquired `slot`. It may hand over a worker already running on
 * another slot (see StandbyWorker); the slot it returns is the one the pool gives back on exit.
 */
export type WorkerFactory<V> = (slot: number) => { worker: PoolWorker<V>; slot: number };

function toResult<V>(outcome: Outcome<V>, durationMs: number, cold?: Member<V>['cold']): HandlerRunResult<V> {
  const stdout = cold ? cold.stdout + outcome.stdout : outcome.stdout;
  const stderr = cold ? cold.stderr + outcome.stderr : outcome.stderr;
  const ms = cold ? durationMs + cold.ms : durationMs;
  return outcome.ok
    ? { ok: true, value: outcome.value, stdout, stderr, durationMs: ms }
    : { ok: false, error: outcome.error, stdout, stderr, durationMs: ms };
}

/**
 * The warm workers of one handler (one code, one entrypoint): from 0 up to `maxWorkers` processes,
 * in front of them a bounded queue. A call goes to an idle worker; while the handler's calls are
 * quick, the rest are pipelined to busy workers (up to `pipelineDepth` each, least loaded first);
 * only what is left starts new workers. Workers retire when idle too long, after `maxCallsPerWorker`
 * calls, or when a call went wrong, and are replaced on the next demand; calls a dying worker had not
 * started go to another. Never shared between handlers.
 */
export class WorkerPool<V> implements SlotUser {
  readonly #factory: WorkerFactory<V>;
  readonly #slots: WorkerSlots;
  readonly #settings: PoolSettings;
  readonly #onEmpty: (pool: WorkerPool<V>) => void;
  readonly #queue: Call<V>[] = [];
  /** Calls a worker took but never started (it died or retired first): they go before the queue. */
  readonly #retry: Call<V>[] = [];
  readonly #members = new Set<Member<V>>();
  #starting = 0;
  /** Members with a call running, and calls handed to members in all. */
  #running = 0;
  #inFlight = 0;
  /** Running mean of how long the code runs per call; NaN until a call has run. */
  #meanRunMs = NaN;
  #pumping = false;
  #pumpAgain = false;
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
    // Calls waiting for a worker that is starting (or may still start) are not "queued" yet; calls
    // waiting in a busy worker's pipe are.
    const free = Math.max(0, this.#settings.maxWorkers - this.#running);
    const waiting = this.#queue.length + this.#retry.length + (this.#inFlight - this.#running) - free;
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
    for (const call of [...this.#retry.splice(0), ...this.#queue.splice(0)]) call.reject(closed);
    const members = [...this.#members];
    for (const member of members) this.#stop(member);
    await Promise.all(members.map((member) => member.worker.exited));
  }

  pump(): void {
    if (this.#closed) return;
    // Settling a call can stop a worker, which settles the calls it held: one pass at a time.
    if (this.#pumping) {
      this.#pumpAgain = true;
      return;
    }
    this.#pumping = true;
    try {
      do {
        this.#pumpAgain = false;
        this.#dispatchQueued();
      } while (this.#pumpAgain && !this.#closed);
    } finally {
      this.#pumping = false;
    }
    if (this.#members.size === 0 && this.#queue.length === 0) this.#onEmpty(this);
  }

  oldestIdleAt(): number | undefined {
    let oldest: number | undefined;
    for (const member of this.#members) {
      if (this.#isIdle(member) && (oldest === undefined || member.idleSince < oldest))
        oldest = member.idleSince;
    }
    return oldest;
  }

  evictIdle(): void {
    const oldest = this.oldestIdleAt();
    const member = [...this.#members].find((m) => this.#isIdle(m) && m.idleSince === oldest);
    if (member) this.#stop(member);
  }

  #isIdle(member: Member<V>): boolean {
    return member.state === 'ready' && member.inFlight === 0;
  }

  // Calls fill the oldest workers up to the depth first, so that as few workers as the load needs wake
  // up and the rest sit idle (and are reaped); idle workers that are done (draining, recycled) stop;
  // new workers start for what is left.
  #dispatchQueued(): void {
    const queue = this.#queue;
    if (this.#retry.length > 0) queue.unshift(...this.#retry.splice(0));
    const depth = this.#depth();
    const max = this.#settings.maxCallsPerWorker;
    for (const member of this.#members) {
      while (queue.length > 0 && member.state === 'ready' && member.inFlight < depth && member.calls < max)
        this.#dispatch(member, queue.shift()!);
    }
    for (const member of this.#members)
      if (this.#isIdle(member) && (this.#draining || member.calls >= max)) this.#stop(member);
    this.#startWanted();
  }

  /** Calls one worker may hold: as many as it runs, on average, within PIPELINE_WAIT_MS. */
  #depth(): number {
    const mean = this.#meanRunMs;
    if (!(mean * 2 < PIPELINE_WAIT_MS)) return 1; // unknown yet, or too slow to queue behind
    return Math.min(this.#settings.pipelineDepth, Math.floor(PIPELINE_WAIT_MS / mean));
  }

  #dispatch(member: Member<V>, call: Call<V>): void {
    let taken: boolean;
    try {
      taken = member.worker.call(call.args, call.timeoutMs, (reply) => this.#settle(member, call, reply));
    } catch (error) {
      // Arguments JSON cannot carry (a cycle, a BigInt): the caller's mistake; nothing reached the worker.
      call.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (!taken) {
      // The process is gone and its exit not yet seen: the call goes elsewhere.
      this.#retry.push(call);
      this.#stop(member);
      this.#pumpAgain = true;
      return;
    }
    if (member.inFlight === 0) this.#running += 1;
    member.inFlight += 1;
    member.calls += 1;
    this.#inFlight += 1;
  }

  #settle(member: Member<V>, call: Call<V>, reply: CallReply<V>): void {
    member.inFlight -= 1;
    this.#inFlight -= 1;
    if (member.inFlight === 0) this.#running -= 1;
    if (!reply.started) {
      if (this.#closed) call.reject(new SandboxUnavailableError('The handler runner is shut down'));
      else this.#retry.push(call);
      // A dying worker hands back all its waiting calls at once: requeue them together, in order.
      if (member.inFlight > 0) return;
    } else {
      const { outcome, ms } = reply;
      const run = reply.runMs >= 0 ? reply.runMs : ms;
      const mean = this.#meanRunMs;
      this.#meanRunMs = Number.isNaN(mean) ? run : mean + MEAN_WEIGHT * (run - mean);
      call.resolve(toResult(outcome, ms, member.cold));
      member.cold = undefined;
      if (outcome.retire) this.#stop(member, true);
    }
    if (this.#isIdle(member)) this.#idle(member);
    this.pump();
  }

  // One worker per queued call that no starting worker will take, within maxWorkers and free slots.
  #startWanted(): void {
    while (this.#queue.length > this.#starting && this.#members.size < this.#settings.maxWorkers) {
      const forCall = this.#queue[this.#starting]!;
      const slot = this.#slots.acquire(this);
      if (slot === undefined) return;
      const member = this.#launch(slot);
      if (!member) return;
      void this.#load(member, forCall.timeoutMs);
    }
  }

  #launch(acquired: number): Member<V> | undefined {
    let worker: PoolWorker<V>;
    let slot: number;
    try {
      ({ worker, slot } = this.#factory(acquired));
    } catch (error) {
      this.#slots.release(acquired);
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
      inFlight: 0,
      calls: 0,
      idleSince: 0,
      idleTimer: undefined,
      cold: undefined,
    };
    this.#members.add(member);
    this.#starting += 1;
    void worker.exited.then(() => this.#onExit(member));
    return member;
  }

  async #load(member: Member<V>, timeoutMs: number): Promise<void> {
    const started = performance.now();
    const loaded = await member.worker.load(timeoutMs);
    const ms = performance.now() - started;
    if (member.state !== 'starting') return;
    if (loaded.ok) {
      this.#starting -= 1;
      member.state = 'ready';
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
    for (const member of this.#members) if (member.state === 'ready') return;
    for (const call of [...this.#retry.splice(0), ...this.#queue.splice(0)])
      call.resolve(toResult<V>(failure, ms));
  }

  // Reaching idleTimeoutMs is checked when the timer fires rather than by clearing and re-arming it
  // on every call; a worker busy at that moment gets a fresh timer when it next runs out of calls.
  #idle(member: Member<V>): void {
    member.idleSince = Date.now();
    member.idleTimer ??= this.#idleTimer(member, this.#settings.idleTimeoutMs);
  }

  #idleTimer(member: Member<V>, ms: number): NodeJS.Timeout {
    return setTimeout(() => {
      member.idleTimer = undefined;
      if (!this.#isIdle(member)) return;
      const left = member.idleSince + this.#settings.idleTimeoutMs - Date.now();
      if (left > 0) member.idleTimer = this.#idleTimer(member, left);
      else this.#stop(member);
    }, ms).unref();
  }

  #stop(member: Member<V>, retired = false): void {
    if (member.state === 'stopped') return;
    if (member.state === 'starting') this.#starting -= 1;
    member.state = 'stopped';
    clearTimeout(member.idleTimer);
    member.idleTimer = undefined;
    if (retired) member.worker.retire();
    else member.worker.kill();
  }

  #onExit(member: Member<V>): void {
    this.#stop(member);
    this.#members.delete(member);
    this.#slots.release(member.slot);
    this.pump();
  }
}
