/** A pool competing for worker slots. */
export interface SlotUser {
  /** When this pool's longest-idle worker became idle, if it has one. */
  oldestIdleAt(): number | undefined;
  /** Stops that worker; its slot comes back once the process is gone. */
  evictIdle(): void;
  /** Called when a slot freed up after this pool was refused one. */
  pump(): void;
}

/**
 * The global budget of workers across all handlers. Slot n runs as uid `uidBase + n`, so every live
 * worker has a uid of its own: RLIMIT_NPROC (counted per uid) then bounds one worker, and no two
 * workers can signal each other. A slot returns only after its process is gone, and freed slots queue
 * at the back, so a uid rests before it is reused.
 */
export class WorkerSlots {
  readonly #free: number[];
  readonly #waiting = new Set<SlotUser>();
  readonly #users: () => Iterable<SlotUser>;

  /** Slots `first` .. `first + count - 1`; `users` lists the pools that may hold idle workers. */
  constructor(first: number, count: number, users: () => Iterable<SlotUser>) {
    this.#free = Array.from({ length: count }, (_, index) => first + index);
    this.#users = users;
  }

  get available(): number {
    return this.#free.length;
  }

  /** A free slot, or undefined; nothing is evicted and nobody is woken later. */
  tryAcquire(): number | undefined {
    return this.#free.shift();
  }

  /** A free slot, or undefined: then the longest-idle worker anywhere is evicted and `user` is woken later. */
  acquire(user: SlotUser): number | undefined {
    const slot = this.#free.shift();
    if (slot !== undefined) return slot;
    this.#waiting.add(user);
    this.#evictLongestIdle();
    return undefined;
  }

  release(slot: number): void {
    this.#free.push(slot);
    const waiting = [...this.#waiting];
    this.#waiting.clear();
    for (const user of waiting) user.pump();
  }

  /** A pool that closes must not be woken any more. */
  forget(user: SlotUser): void {
    this.#waiting.delete(user);
  }

  #evictLongestIdle(): void {
    let victim: SlotUser | undefined;
    let since = Infinity;
    for (const user of this.#users()) {
      const at = user.oldestIdleAt();
      if (at !== undefined && at < since) [victim, since] = [user, at];
    }
    victim?.evictIdle();
  }
}
