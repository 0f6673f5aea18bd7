import type { WorkerProcess } from './worker-process.js';
import type { SlotUser, WorkerSlots } from './worker-slots.js';

/** A worker process and the slot (uid) it runs as. */
export interface SlottedProcess {
  process: WorkerProcess;
  slot: number;
}

interface Standby extends SlottedProcess {
  /** Once a pool has it, the pool releases its slot. */
  taken: boolean;
}

/**
 * Starting a process blocks the event loop for a while (fork of a big process), so the next blank
 * worker starts a little after one was taken, not in the middle of the call that took it.
 */
const START_DELAY_MS = 250;

/**
 * Keeps one blank worker started ahead of need: runner.py up, its limits set, no code loaded. A pool
 * that needs a worker takes it, so a new handler's first call (or the first after its workers were
 * reaped) costs loading the code rather than starting a sandboxed interpreter; the slot the pool
 * acquired then starts the next blank one. A blank worker belongs to no handler until taken and then
 * to that handler's pool only. It is the first to go when the slots run out.
 */
export class StandbyWorker implements SlotUser {
  readonly #spawn: (slot: number) => WorkerProcess;
  readonly #slots: WorkerSlots;
  #ready: Standby | undefined;
  /** A slot waiting for START_DELAY_MS to start the next blank worker on. */
  #next: { slot: number; timer: NodeJS.Timeout } | undefined;
  #closed = false;

  constructor(spawn: (slot: number) => WorkerProcess, slots: WorkerSlots) {
    this.#spawn = spawn;
    this.#slots = slots;
  }

  /**
   * A process for a pool that acquired `slot`: the blank one (on its own slot) when there is one,
   * else a new one on `slot`. Throws when a process cannot be started; `slot` is then the caller's.
   */
  take(slot: number): SlottedProcess {
    const ready = this.#ready;
    this.#ready = undefined;
    if (ready?.process.alive) {
      ready.taken = true;
      this.#startLater(slot);
      return ready;
    }
    const taken = { process: this.#spawn(slot), slot };
    if (!this.#next) {
      const spare = this.#slots.tryAcquire();
      if (spare !== undefined) this.#startLater(spare);
    }
    return taken;
  }

  /**
   * Starts a blank worker now, if none is ready or on its way and a slot is free: code was just
   * validated, so its first call is likely near, and the very first call since the server started
   * would otherwise pay for starting a sandboxed interpreter.
   */
  prime(): void {
    if (this.#closed || this.#ready || this.#next) return;
    const spare = this.#slots.tryAcquire();
    if (spare !== undefined) this.#start(spare);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#cancelNext();
    const ready = this.#ready;
    this.#ready = undefined;
    ready?.process.kill();
    await ready?.process.exited;
  }

  // As a slot user: a blank worker is the cheapest to lose, so it goes before any idle one.
  oldestIdleAt(): number | undefined {
    return this.#ready || this.#next ? -Infinity : undefined;
  }

  evictIdle(): void {
    this.#cancelNext();
    const ready = this.#ready;
    this.#ready = undefined;
    ready?.process.kill(); // its exit gives the slot back
  }

  pump(): void {
    // Never waits for a slot: a blank worker starts only on one that is free.
  }

  #startLater(slot: number): void {
    if (this.#next) return this.#slots.release(slot); // one blank worker is enough
    const timer = setTimeout(() => {
      this.#next = undefined;
      this.#start(slot);
    }, START_DELAY_MS).unref();
    this.#next = { slot, timer };
  }

  #cancelNext(): void {
    if (!this.#next) return;
    clearTimeout(this.#next.timer);
    this.#slots.release(this.#next.slot);
    this.#next = undefined;
  }

  #start(slot: number): void {
    if (this.#closed || this.#ready) return this.#slots.release(slot);
    let process: WorkerProcess;
    try {
      process = this.#spawn(slot);
    } catch {
      return this.#slots.release(slot);
    }
    const standby: Standby = { process, slot, taken: false };
    this.#ready = standby;
    void process.exited.then(() => {
      if (standby.taken) return;
      if (this.#ready === standby) this.#ready = undefined;
      this.#slots.release(slot);
    });
  }
}
