import type { Logger } from 'pino';
import type { Clock, JournalRecord, JournalStore, ServiceRecord } from '../core/ports/index.js';

export type JournalListener = (record: JournalRecord) => void;

export interface JournalWriterOptions {
  /** Longest a recorded call waits before its batch is written. */
  flushIntervalMs?: number;
  /** A batch is written as soon as this many calls wait. */
  batchSize?: number;
  /** Calls held in memory at most while the store is slow; beyond it new calls are counted, not kept. */
  maxPending?: number;
  /** How often retention (count and age) is applied per service. */
  pruneIntervalMs?: number;
}

/**
 * Takes journal records off the hot path: callers `record()` and return at once; batches are written
 * in one transaction each, then announced to live listeners (SSE) with their ids.
 */
export class JournalWriter {
  #pending: JournalRecord[] = [];
  #timer: NodeJS.Timeout | undefined;
  #pruneTimer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #listeners = new Map<string, Set<JournalListener>>();
  dropped = 0;
  readonly #interval: number;
  readonly #batchSize: number;
  readonly #maxPending: number;

  constructor(
    private readonly store: JournalStore,
    private readonly services: () => Iterable<ServiceRecord>,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: JournalWriterOptions = {},
  ) {
    this.#interval = options.flushIntervalMs ?? 50;
    this.#batchSize = options.batchSize ?? 500;
    this.#maxPending = options.maxPending ?? 100_000;
    this.#pruneTimer = setInterval(() => void this.prune(), options.pruneIntervalMs ?? 60_000);
    this.#pruneTimer.unref();
  }

  record(record: JournalRecord): void {
    if (this.#pending.length >= this.#maxPending) {
      if (this.dropped++ % 10_000 === 0)
        this.log.warn({ dropped: this.dropped }, 'journal store too slow; dropping entries');
      return;
    }
    this.#pending.push(record);
    if (this.#pending.length >= this.#batchSize) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#interval);
  }

  /** Writes everything recorded so far; resolves when it is in the store. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    this.#writing = this.#writing.then(() => this.#write(batch));
    return this.#writing;
  }

  subscribe(service: string, listener: JournalListener): () => void {
    let set = this.#listeners.get(service);
    if (!set) this.#listeners.set(service, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  async prune(): Promise<void> {
    const now = this.clock.now();
    for (const service of this.services()) {
      const { maxEntries, maxAgeHours } = service.journal;
      await this.store
        .prune(service.name, maxEntries, now - maxAgeHours * 3600_000)
        .catch((error: unknown) => {
          this.log.warn({ err: error, service: service.name }, 'journal retention failed; will retry');
        });
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#pruneTimer);
    await this.flush();
  }

  async #write(batch: JournalRecord[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      const ids = await this.store.append(batch);
      batch.forEach((record, i) => {
        record.id = ids[i];
        this.#listeners.get(record.service)?.forEach((listener) => listener(record));
      });
    } catch (error) {
      // Keep the batch for the next flush rather than lose it; the store may be briefly unavailable.
      this.log.error(
        { err: error, entries: batch.length },
        'journal write failed; retrying with the next batch',
      );
      this.#pending = batch.concat(this.#pending).slice(0, this.#maxPending);
      this.#timer ??= setTimeout(() => void this.flush(), 1000);
    }
  }
}
