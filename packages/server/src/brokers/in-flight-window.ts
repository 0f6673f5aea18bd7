/**
 * A counting semaphore for publishes awaiting their broker confirmation. Bounding the window keeps
 * memory flat when the broker slows down (or blocks us) and turns that slowness into backpressure on
 * the callers, which is what the original "writer pool + channel of write tasks" achieved.
 */
export class InFlightWindow {
  readonly #size: number;
  #used = 0;
  readonly #waiting: Array<() => void> = [];
  readonly #drained: Array<() => void> = [];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`window size must be a positive integer: ${size}`);
    this.#size = size;
  }

  get inFlight(): number {
    return this.#used;
  }

  /** Waits for a free slot; the caller must `release()` it exactly once. */
  acquire(): Promise<void> {
    if (this.#used < this.#size) {
      this.#used += 1;
      return Promise.resolve();
    }
    // The slot is handed over directly by release(), so #used stays counted and no one can jump the queue.
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) {
      next();
      return;
    }
    this.#used -= 1;
    if (this.#used === 0) for (const resolve of this.#drained.splice(0)) resolve();
  }

  /** Resolves when nothing is in flight. */
  drained(): Promise<void> {
    if (this.#used === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }
}
