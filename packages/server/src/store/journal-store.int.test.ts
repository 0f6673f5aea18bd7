import { afterAll, describe, expect, it } from 'vitest';
import type { SelfEncodingRecord } from '../core/mocking/self-encoding-record.js';
import type { JournalRecord } from '../core/ports/index.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../testing/throwaway-postgres.js';
import { serviceAvailable } from '../testing/services.js';
import { tempSqliteUrl } from '../testing/temp-sqlite.js';
import { openStores, type Stores } from './stores.js';

function call(at: number): JournalRecord {
  return {
    service: 'j',
    receivedAt: at,
    method: 'GET',
    path: `/p/${at}`,
    status: 200,
    stubId: null,
    entry: { n: at },
  };
}

/** A record that writes its entry itself, as MockCallRecord does; `entry` must not be read. */
function selfEncoding(at: number): SelfEncodingRecord {
  return {
    ...call(at),
    get entry(): Record<string, unknown> {
      throw new Error('the store read entry instead of encodeEntry()');
    },
    encodeEntry: () => `{"n":${at},"self":true}`,
  };
}

function describeJournalAppends(backend: string, open: () => Promise<Stores>) {
  describe(`journal appends (${backend})`, () => {
    let stores: Stores;
    afterAll(async () => stores?.close());

    // 1 and 16 are one statement each on SQLite; 17 and 40 mix multi-row and single-row inserts.
    it.each([1, 16, 17, 40])('returns the id of each of %i records, in order', async (count) => {
      stores ??= await open();
      await stores.journal.clear('j');
      const records = Array.from({ length: count }, (_, i) => (i % 3 === 0 ? selfEncoding(i) : call(i)));
      const { ids } = await stores.journal.append(records);
      expect(ids).toHaveLength(count);
      for (const [i, id] of ids.entries()) {
        const stored = await stores.journal.get('j', id as number);
        expect(stored?.receivedAt).toBe(i);
        expect(stored?.entry).toEqual(i % 3 === 0 ? { n: i, self: true } : { n: i });
      }
    });
  });
}

const sqlite = tempSqliteUrl();
afterAll(() => sqlite.remove());
describeJournalAppends('sqlite', () => openStores(sqlite.url));

const postgresUp = await serviceAvailable('postgres');
describe.skipIf(!postgresUp)('postgres', () => {
  let throwaway: ThrowawayDatabase;
  afterAll(async () => throwaway?.drop());
  describeJournalAppends('postgres', async () => {
    throwaway ??= await createThrowawayDatabase();
    return openStores(throwaway.url);
  });
});
