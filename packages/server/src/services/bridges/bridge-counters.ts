import type { Logger } from 'pino';
import type { BridgeCounts, BridgeStore } from '../../core/ports/index.js';

const FLUSH_MS = 1_000;

const zero = (): BridgeCounts => ({ in: 0, out: 0, dropped: 0, dead: 0 });

function isZero(c: BridgeCounts): boolean {
  return c.in === 0 && c.out === 0 && c.dropped === 0 && c.dead === 0;
}

function addTo(target: BridgeCounts, delta: Partial<BridgeCounts>): void {
  target.in += delta.in ?? 0;
  target.out += delta.out ?? 0;
  target.dropped += delta.dropped ?? 0;
  target.dead += delta.dead ?? 0;
}

interface Entry {
  pending: BridgeCounts;
  /** Sent to the store, not yet confirmed written: still counted, so the total never dips. */
  flushing: BridgeCounts;
  inFlight: number;
}

/**
 * Bridge counters: kept in memory on the hot path and added to the stored totals once a second, so a
 * bridge costs no database write per message. A crash forgets at most the last second of counts (the
 * messages themselves are safe: counting is not delivery). Several nodes add up, never overwrite.
 */
export class BridgeCounters {
  readonly #entries = new Map<string, Entry>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: BridgeStore,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.#timer ??= setInterval(() => void this.flush(), FLUSH_MS);
    this.#timer.unref();
  }

  add(bridgeId: string, delta: Partial<BridgeCounts>): void {
    addTo(this.#entry(bridgeId).pending, delta);
  }

  /** IN messages read but not yet acked; `delta` is negative when a batch settles. */
  inFlight(bridgeId: string, delta: number): void {
    this.#entry(bridgeId).inFlight += delta;
  }

  /** The stored totals plus what this node has not written yet. */
  async totals(bridgeId: string): Promise<BridgeCounts & { inFlight: number }> {
    const stored = (await this.store.counts(bridgeId)) ?? zero();
    const entry = this.#entries.get(bridgeId);
    if (entry) {
      addTo(stored, entry.pending);
      addTo(stored, entry.flushing);
    }
    return { ...stored, inFlight: entry?.inFlight ?? 0 };
  }

  forget(bridgeId: string): void {
    this.#entries.delete(bridgeId);
  }

  /** Writes what is pending; one flush at a time, so a slow database never stacks them up. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#flushAll());
    return this.#flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  #entry(bridgeId: string): Entry {
    let entry = this.#entries.get(bridgeId);
    if (!entry) this.#entries.set(bridgeId, (entry = { pending: zero(), flushing: zero(), inFlight: 0 }));
    return entry;
  }

  async #flushAll(): Promise<void> {
    for (const [id, entry] of this.#entries) {
      if (isZero(entry.pending)) continue;
      entry.flushing = entry.pending;
      entry.pending = zero();
      try {
        await this.store.addCounts(id, entry.flushing);
      } catch (error) {
        // Kept for the next flush; a bridge deleted meanwhile simply matches no row.
        addTo(entry.pending, entry.flushing);
        this.log.warn({ err: error, bridge: id }, 'bridge counters not saved; retrying');
      } finally {
        entry.flushing = zero();
      }
    }
  }
}
