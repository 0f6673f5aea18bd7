/** A task refused because too many were already waiting in its lane. */
export class LaneFullError extends Error {
  constructor(waiting: number) {
    super(
      `${waiting} replies of this queue mock are already waiting for the handler; this one was not computed`,
    );
  }
}

/** A waiting task dropped because the server is shutting down. */
export class LaneAbandonedError extends Error {
  constructor() {
    super('the server shut down before this reply was computed');
  }
}

interface Waiter {
  start: () => void;
  abandon: (error: Error) => void;
}

interface Lane {
  running: number;
  waiting: Waiter[];
}

/**
 * At most `maxRunning` tasks at once per key (a queue mock), the rest wait in order up to
 * `maxWaiting`. It keeps a burst of RPC requests within what the queue mock's sandbox pool accepts
 * (beyond that the runner refuses calls as busy), while memory stays bounded however long the burst.
 */
export class ReplyLanes {
  readonly #lanes = new Map<string, Lane>();

  constructor(
    private readonly maxRunning: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let lane = this.#lanes.get(key);
    if (!lane) this.#lanes.set(key, (lane = { running: 0, waiting: [] }));
    if (lane.running < this.maxRunning) lane.running += 1;
    else if (lane.waiting.length >= this.maxWaiting) throw new LaneFullError(lane.waiting.length);
    else {
      const waiting = lane.waiting;
      // The slot is handed over by the task that finishes (running stays as it is), so order holds.
      await new Promise<void>((start, abandon) => waiting.push({ start, abandon }));
    }
    try {
      return await task();
    } finally {
      this.#release(key, lane);
    }
  }

  /** Drops every waiting task (they reject with LaneAbandonedError); running ones go on. */
  abandonWaiting(): number {
    let dropped = 0;
    for (const lane of this.#lanes.values()) {
      for (const waiter of lane.waiting.splice(0)) {
        waiter.abandon(new LaneAbandonedError());
        dropped += 1;
      }
    }
    return dropped;
  }

  #release(key: string, lane: Lane): void {
    const next = lane.waiting.shift();
    if (next) return next.start();
    lane.running -= 1;
    if (lane.running === 0 && this.#lanes.get(key) === lane) this.#lanes.delete(key);
  }
}
