import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  JournalAppended,
  JournalPruneStep,
  JournalRecord,
  JournalStore,
  ServiceRecord,
} from '../core/ports/index.js';
import { CATCH_UP_ROWS, JournalWriter } from './journal-writer.js';

/** Keeps rows in memory and prunes them as the store contract says; remembers every step asked. */
class StepCountingStore implements JournalStore {
  rows: JournalRecord[] = [];
  steps: JournalPruneStep[] = [];
  #nextId = 1;

  async append(
    records: readonly JournalRecord[],
    prune: readonly JournalPruneStep[] = [],
  ): Promise<JournalAppended> {
    const ids = records.map((record) => {
      this.rows.push({ ...record, id: this.#nextId });
      return this.#nextId++;
    });
    return { ids, pruned: prune.map((step) => this.#prune(step)) };
  }

  async prune(step: JournalPruneStep): Promise<number> {
    return this.#prune(step);
  }

  #prune({ service, maxEntries, olderThan, limit }: JournalPruneStep): number {
    const own = this.rows.filter((r) => r.service === service);
    const beyond = Math.max(own.length - maxEntries, 0);
    const doomed = new Set(own.filter((r, i) => i < beyond || r.receivedAt < olderThan).slice(0, limit));
    this.steps.push({ service, maxEntries, olderThan, limit });
    this.rows = this.rows.filter((r) => !doomed.has(r));
    return doomed.size;
  }

  count(service: string): number {
    return this.rows.filter((r) => r.service === service).length;
  }

  list = async () => [];
  get = async () => undefined;
  summary = async () => ({ count: 0, lastReceivedAt: null });
  clear = async () => 0;
}

function service(name: string, maxEntries: number): ServiceRecord {
  return {
    name,
    description: '',
    mode: 'mock',
    upstream: null,
    claims: {},
    journal: { maxEntries, maxAgeHours: 1, bodyCapBytes: 0 },
    ownerId: 'o',
    createdAt: 0,
    updatedAt: 0,
    modeChangedAt: 0,
    modeChangedBy: 'o',
  };
}

const NOW = 10 * 3600_000;
const call = (name: string, receivedAt = NOW): JournalRecord => ({
  service: name,
  receivedAt,
  method: 'GET',
  path: '/',
  status: 200,
  stubId: null,
  entry: {},
});

describe('JournalWriter retention', () => {
  let writer: JournalWriter | undefined;
  afterEach(async () => writer?.close());

  function start(store: JournalStore, services: ServiceRecord[]) {
    writer = new JournalWriter(store, () => services, { now: () => NOW }, pino({ level: 'silent' }));
    return writer;
  }

  async function write(w: JournalWriter, name: string, count: number) {
    for (let i = 0; i < count; i++) w.record(call(name));
    await w.flush();
  }

  it('prunes with the first batch, then only once a service grows 5% past its maxEntries', async () => {
    const store = new StepCountingStore();
    await store.append(Array.from({ length: 1000 }, () => call('a')));
    const w = start(store, [service('a', 1000)]);
    await write(w, 'a', 1);
    expect(store.steps).toHaveLength(1);
    expect(store.count('a')).toBe(1000);
    await write(w, 'a', 30);
    await write(w, 'a', 20);
    expect(store.steps).toHaveLength(1);
    expect(store.count('a')).toBe(1050);
    await write(w, 'a', 1);
    expect(store.steps).toHaveLength(2);
    expect(store.steps[1]).toMatchObject({ service: 'a', maxEntries: 1000, limit: 51 + CATCH_UP_ROWS });
    expect(store.count('a')).toBe(1000);
  });

  it('never keeps more than maxEntries plus 5% after a batch', async () => {
    const store = new StepCountingStore();
    const w = start(store, [service('a', 200), service('b', 0)]);
    for (let round = 0; round < 40; round++) {
      await write(w, 'a', 7);
      await write(w, 'b', 3);
      expect(store.count('a')).toBeLessThanOrEqual(210);
      expect(store.count('b')).toBe(0);
    }
  });

  it('works off a backlog in steps of bounded size until it is gone', async () => {
    const store = new StepCountingStore();
    await store.append(Array.from({ length: 2500 }, () => call('a')));
    const w = start(store, [service('a', 100), service('idle', 100)]);
    await write(w, 'a', 10);
    expect(store.steps.map((s) => s.limit)).toEqual([10 + CATCH_UP_ROWS]);
    await w.prune();
    expect(store.count('a')).toBe(100);
    expect(Math.max(...store.steps.map((s) => s.limit))).toBe(10 + CATCH_UP_ROWS);
    expect(store.steps.filter((s) => s.service === 'idle')).toHaveLength(1);
  });

  it('drops expired entries in the periodic pass', async () => {
    const store = new StepCountingStore();
    await store.append([call('a', 0), call('a', NOW - 2 * 3600_000), call('a')]);
    const w = start(store, [service('a', 100)]);
    await w.prune();
    expect(store.rows.map((r) => r.receivedAt)).toEqual([NOW]);
  });

  it('asks no step for the entries of a service that is gone', async () => {
    const store = new StepCountingStore();
    const w = start(store, []);
    await write(w, 'deleted', 5);
    expect(store.steps).toEqual([]);
  });
});

describe('JournalWriter with entries its store refuses', () => {
  it('announces the entries kept, counts the refused as dropped, and keeps writing', async () => {
    const store = new StepCountingStore();
    const append = store.append.bind(store);
    // A store that has no room for service 'full' (the SQLite journal's bound on services).
    store.append = async (records, prune) => {
      const { ids, pruned } = await append(records, prune);
      return { ids: ids.map((id, i) => (records[i]?.service === 'full' ? null : id)), pruned };
    };
    const writer = new JournalWriter(
      store,
      () => [service('full', 10), service('ok', 10)],
      { now: () => NOW },
      pino({ level: 'silent' }),
    );
    const announced: (number | undefined)[] = [];
    writer.subscribe('ok', (record) => announced.push(record.id));
    writer.subscribe('full', (record) => announced.push(record.id));
    writer.record(call('full'));
    writer.record(call('ok'));
    writer.record(call('full'));
    await writer.flush();
    writer.record(call('ok'));
    await writer.flush();
    await writer.close();
    expect(announced).toEqual([2, 4]);
    expect(writer.dropped).toBe(2);
  });
});
