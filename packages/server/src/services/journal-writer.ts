import type { Logger } from 'pino';
import type {
  Clock,
  JournalPruneStep,
  JournalRecord,
  JournalStore,
  ServiceRecord,
} from '../core/ports/index.js';

export type JournalListener = (record: JournalRecord) => void;

/**
 * How far past its `maxEntries` a service's journal may grow between two prune steps, as a share of
 * `maxEntries`: finding where the newest `maxEntries` end walks that many index entries, so a step
 * every 5% of them costs a constant ~20 index entries per call instead of `maxEntries` per batch.
 */
export const PRUNE_SLACK = 0.05;
/** Rows one step may delete beyond those its service gained since the last: how fast a backlog goes. */
export const CATCH_UP_ROWS = 1000;
const CATCH_UP_DELAY_MS = 100;

/** Rows a service gained since its last complete prune step, and how many it may gain before the next. */
interface PruneState {
  rows: number;
  slack: number;
}

export interface JournalWriterOptions {
  /** Longest a recorded call waits before its batch is written. */
  flushIntervalMs?: number;
  /** A batch is written as soon as this many calls wait. */
  batchSize?: number;
  /** Calls held in memory at most while the store is slow; beyond it new calls are counted, not kept. */
  maxPending?: number;
  /** How often every service gets a prune step, for age retention and idle services. */
  pruneIntervalMs?: number;
  /** Share of `maxEntries` a service may grow past it between steps (default PRUNE_SLACK). */
  pruneSlack?: number;
}

/**
 * Takes journal records off the hot path: callers `record()` and return at once; batches are written
 * in one transaction each, then announced to live listeners (SSE) with their ids.
 *
 * Retention runs in small steps, in the transaction of the batch that makes a service due: a
 * service's journal holds at most `maxEntries` + ⌊5% of `maxEntries`⌋ entries once a batch is
 * written (plus as much per other node sharing the database). Only a backlog (after `maxEntries`
 * is lowered, or old entries expire) goes over several steps of bounded size.
 */
export class JournalWriter {
  #pending: JournalRecord[] = [];
  #timer: NodeJS.Timeout | undefined;
  #pruneTimer: NodeJS.Timeout | undefined;
  #catchUpTimer: NodeJS.Timeout | undefined;
  #closed = false;
  /** Services missing here are due for a step (unknown since start, or a backlog is left). */
  #pruneStates = new Map<string, PruneState>();
  #writing: Promise<void> = Promise.resolve();
  #listeners = new Map<string, Set<JournalListener>>();
  dropped = 0;
  readonly #interval: number;
  readonly #batchSize: number;
  readonly #maxPending: number;
  readonly #pruneSlack: number;

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
    this.#pruneSlack = options.pruneSlack ?? PRUNE_SLACK;
    this.#pruneTimer = setInterval(() => void this.prune(), options.pruneIntervalMs ?? 60_000);
    this.#pruneTimer.unref();
  }

  record(record: JournalRecord): void {
    if (this.#pending.length >= this.#maxPending)
      return this.#drop(1, 'journal store too slow; dropping entries');
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

  /** Steps every service (or only those due) until none has a backlog left. */
  async prune(onlyDue = false): Promise<void> {
    const names = new Set<string>();
    for (const service of this.services()) {
      if (this.#closed) return;
      names.add(service.name);
      if (onlyDue && this.#pruneStates.has(service.name)) continue;
      while (!(await this.#pruneAlone(service))) {
        // A backlog goes in bounded steps; mock calls are served between them.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    for (const name of this.#pruneStates.keys()) if (!names.has(name)) this.#pruneStates.delete(name);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#pruneTimer);
    clearTimeout(this.#catchUpTimer);
    await this.flush();
  }

  /** One step on its own, queued with the batches; true when the service has no backlog left. */
  #pruneAlone(service: ServiceRecord): Promise<boolean> {
    const step = this.#step(service, 0);
    const done = this.#writing.then(async () => {
      try {
        return this.#settle(step, await this.store.prune(step));
      } catch (error) {
        this.log.warn({ err: error, service: service.name }, 'journal retention failed; will retry');
        return true;
      }
    });
    this.#writing = done.then(() => undefined);
    return done;
  }

  async #write(batch: JournalRecord[]): Promise<void> {
    if (batch.length === 0) return;
    const gained = countByService(batch);
    const steps = this.#dueSteps(gained);
    try {
      const { ids, pruned } = await this.store.append(batch, steps);
      for (const [service, rows] of gained) {
        const state = this.#pruneStates.get(service);
        if (state) state.rows += rows;
      }
      steps.forEach((step, i) => this.#settle(step, pruned[i] ?? 0));
      let refused = 0;
      batch.forEach((record, i) => {
        const id = ids[i];
        if (id === null || id === undefined) return void refused++;
        record.id = id;
        this.#listeners.get(record.service)?.forEach((listener) => listener(record));
      });
      if (refused > 0)
        this.#drop(refused, 'journal store refused entries (too many services journaled); dropping them');
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

  /** Counts entries given up on; warns on the first, then once per 10,000, so no log flood. */
  #drop(entries: number, reason: string): void {
    const before = this.dropped;
    this.dropped += entries;
    if (before === 0 || Math.floor(before / 10_000) < Math.floor(this.dropped / 10_000))
      this.log.warn({ dropped: this.dropped }, reason);
  }

  /** Steps for the services this batch takes past their slack (or whose state is unknown). */
  #dueSteps(gained: ReadonlyMap<string, number>): JournalPruneStep[] {
    let services: Map<string, ServiceRecord> | undefined;
    const steps: JournalPruneStep[] = [];
    for (const [name, rows] of gained) {
      const state = this.#pruneStates.get(name);
      if (state && state.rows + rows <= state.slack) continue;
      services ??= new Map([...this.services()].map((s) => [s.name, s]));
      const service = services.get(name);
      // A deleted service's entries went with it; nothing to keep in bounds.
      if (service) steps.push(this.#step(service, (state?.rows ?? 0) + rows));
    }
    return steps;
  }

  #step(service: ServiceRecord, gained: number): JournalPruneStep {
    const { maxEntries, maxAgeHours } = service.journal;
    return {
      service: service.name,
      maxEntries,
      olderThan: this.clock.now() - maxAgeHours * 3600_000,
      limit: gained + CATCH_UP_ROWS,
    };
  }

  /** Records a step's outcome (the `rows` it was counted from are then gone); true when complete. */
  #settle(step: JournalPruneStep, deleted: number): boolean {
    if (deleted < step.limit) {
      this.#pruneStates.set(step.service, { rows: 0, slack: Math.floor(step.maxEntries * this.#pruneSlack) });
      return true;
    }
    this.#pruneStates.delete(step.service);
    this.#catchUpTimer ??= setTimeout(() => {
      this.#catchUpTimer = undefined;
      void this.prune(true);
    }, CATCH_UP_DELAY_MS).unref();
    return false;
  }
}

function countByService(batch: readonly JournalRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of batch) counts.set(record.service, (counts.get(record.service) ?? 0) + 1);
  return counts;
}
