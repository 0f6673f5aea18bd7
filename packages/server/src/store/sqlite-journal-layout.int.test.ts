import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { SelfEncodingRecord } from '../core/mocking/self-encoding-record.js';
import type { JournalRecord, ServiceRecord } from '../core/ports/index.js';
import { tempSqliteUrl } from '../testing/temp-sqlite.js';
import { migrateTo } from './migrations/migrator.js';
import { JOURNAL_SLOT_SPAN, JOURNAL_SLOTS } from './sqlite-journal-layout.js';
import { openStores, type Stores } from './stores.js';

const temps: ReturnType<typeof tempSqliteUrl>[] = [];
const opened: Stores[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((stores) => stores.close()));
  for (const temp of temps.splice(0)) temp.remove();
});

async function open(url?: string): Promise<Stores> {
  if (url === undefined) {
    const temp = tempSqliteUrl();
    temps.push(temp);
    url = temp.url;
  }
  const stores = await openStores(url);
  opened.push(stores);
  return stores;
}

const call = (service: string, at: number): JournalRecord => ({
  service,
  receivedAt: at,
  method: 'GET',
  path: `/p/${at}`,
  status: 200,
  stubId: null,
  entry: { at },
});

/** A record whose entry ends with the same answer text as every other, as a static stub's do. */
const SHARED_END = '"kind":"stub","response":{"body":null}}';
const sharing = (service: string, at: number, method = 'GET', stubId = 'stub-1'): SelfEncodingRecord => ({
  ...call(service, at),
  method,
  stubId,
  encodeEntry: () => `{"at":${at},${SHARED_END}`,
  encodeEntryStart: () => `{"at":${at},`,
  sharedEntryEnd: () => SHARED_END,
});

const sqliteOf = (stores: Stores) => stores.database.sqlite as SQLite.Database;

describe('the SQLite journal layout', () => {
  it('gives each service its own id range, numbered on from its newest entry', async () => {
    const stores = await open();
    const { ids } = await stores.journal.append([call('a', 1), call('b', 2), call('a', 3)]);
    expect(ids).toEqual([1, JOURNAL_SLOT_SPAN + 1, 2]);
    const next = await stores.journal.append([call('b', 4), call('a', 5)]);
    expect(next.ids).toEqual([JOURNAL_SLOT_SPAN + 2, 3]);
    expect((await stores.journal.list('a', {}, 10)).map((r) => r.receivedAt)).toEqual([5, 3, 1]);
    expect(await stores.journal.get('a', JOURNAL_SLOT_SPAN + 1)).toBeUndefined();
    expect(await stores.journal.get('b', JOURNAL_SLOT_SPAN + 1)).toMatchObject({ receivedAt: 2 });
  });

  it('frees the slot of a deleted service for the next new one, with none of its rows', async () => {
    const stores = await open();
    await stores.users.create({
      id: 'u1',
      username: 'owner',
      passwordHash: 'h',
      role: 'member',
      disabled: false,
      createdAt: 1,
    });
    const service = (name: string): ServiceRecord => ({
      name,
      description: '',
      mode: 'mock',
      upstream: null,
      claims: {},
      journal: { maxEntries: 10, maxAgeHours: 1, bodyCapBytes: 10 },
      ownerId: 'u1',
      createdAt: 1,
      updatedAt: 1,
      modeChangedAt: 1,
      modeChangedBy: 'u1',
    });
    await stores.services.create(service('first'));
    await stores.services.create(service('second'));
    await stores.journal.append([call('first', 1), call('second', 2)]);
    await stores.services.delete('first');
    const { ids } = await stores.journal.append([call('third', 3)]);
    expect(ids).toEqual([1]);
    expect((await stores.journal.list('third', {}, 10)).map((r) => r.receivedAt)).toEqual([3]);
    expect(await stores.journal.summary('second')).toMatchObject({ count: 1 });
  });

  it('refuses the entries of a new service while every slot is held, not the batch', async () => {
    const stores = await open();
    await stores.journal.append([call('early', 1)]);
    const sqlite = sqliteOf(stores);
    sqlite
      .prepare(
        `with recursive n(slot) as (select 1 union all select slot + 1 from n where slot + 1 < ?)
         insert into journal_slots (slot, service) select slot, 'filler-' || slot from n`,
      )
      .run(JOURNAL_SLOTS);
    const { ids } = await stores.journal.append([call('late', 2), call('early', 3), call('late', 4)]);
    expect(ids).toEqual([null, 2, null]);
    expect((await stores.journal.list('early', {}, 10)).map((r) => r.receivedAt)).toEqual([3, 1]);
    expect(await stores.journal.list('late', {}, 10)).toEqual([]);
    sqlite.prepare("delete from journal_slots where service = 'filler-7'").run();
    expect((await stores.journal.append([call('late', 5)])).ids).toEqual([7 * JOURNAL_SLOT_SPAN + 1]);
  });

  it('keeps a shared entry end once per stub and joins it back, with the stub, on every read', async () => {
    const stores = await open();
    const { ids } = await stores.journal.append(Array.from({ length: 20 }, (_, i) => sharing('s', i)));
    const sqlite = sqliteOf(stores);
    expect(sqlite.prepare('select count(*) from journal_shared').pluck().get()).toBe(1);
    expect(sqlite.prepare('select entry from journal where id = ?').pluck().get(ids[3])).toBe('{"at":3,');
    expect(await stores.journal.get('s', ids[3] as number)).toMatchObject({
      service: 's',
      stubId: 'stub-1',
      entry: { at: 3, kind: 'stub', response: { body: null } },
    });
    // Another stub answering alike keeps its own id; a call without a stub shares nothing.
    const other = await stores.journal.append([sharing('s', 20, 'GET', 'stub-2'), { ...call('s', 21) }]);
    expect(sqlite.prepare('select count(*) from journal_shared').pluck().get()).toBe(2);
    expect((await stores.journal.get('s', other.ids[0] as number))?.stubId).toBe('stub-2');
    expect(await stores.journal.list('s', { matched: false }, 5)).toMatchObject([{ receivedAt: 21 }]);
    expect((await stores.journal.list('s', { matched: true }, 50)).length).toBe(21);
    const page = await stores.journal.list('s', {}, 20, other.ids[0] as number);
    expect(page.map((r) => r.entry)).toEqual(
      Array.from({ length: 20 }, (_, i) => ({ at: 19 - i, kind: 'stub', response: { body: null } })),
    );
  });

  it('forgets the id of a shared end whose insert was rolled back', async () => {
    const stores = await open();
    // A null method breaks the NOT NULL constraint after the shared end was inserted.
    const broken = sharing('s', 1, null as unknown as string);
    await expect(stores.journal.append([broken])).rejects.toThrow(/NOT NULL/);
    expect(sqliteOf(stores).prepare('select count(*) from journal_shared').pluck().get()).toBe(0);
    const { ids } = await stores.journal.append([sharing('s', 2)]);
    expect((await stores.journal.get('s', ids[0] as number))?.entry).toEqual({
      at: 2,
      kind: 'stub',
      response: { body: null },
    });
  });

  it('moves the rows of an older database into per-service ranges, in order', async () => {
    const temp = tempSqliteUrl();
    temps.push(temp);
    const file = temp.url.slice('sqlite:'.length);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(file) }) });
    await migrateTo(db, 'sqlite', '004-bridges');
    const insert = (db as Kysely<{ journal: Record<string, unknown> }>).insertInto('journal');
    await insert
      .values(
        [
          ['b', 1],
          ['a', 2],
          ['b', 3],
          ['a', 4],
          ['a', 5],
        ].map(([service, at]) => ({
          service,
          received_at: at,
          method: 'GET',
          path: `/p/${at}`,
          status: 200,
          stub_id: null,
          entry: JSON.stringify({ at }),
        })),
      )
      .execute();
    await db.destroy();

    const stores = await open(temp.url);
    const a = await stores.journal.list('a', {}, 10);
    expect(a.map((r) => [r.id, r.receivedAt, r.entry])).toEqual([
      [3, 5, { at: 5 }],
      [2, 4, { at: 4 }],
      [1, 2, { at: 2 }],
    ]);
    const b = await stores.journal.list('b', {}, 10);
    expect(b.map((r) => [r.id, r.receivedAt])).toEqual([
      [JOURNAL_SLOT_SPAN + 2, 3],
      [JOURNAL_SLOT_SPAN + 1, 1],
    ]);
    expect((await stores.journal.append([call('a', 6)])).ids).toEqual([4]);
    expect(await stores.journal.prune({ service: 'a', maxEntries: 2, olderThan: 0, limit: 10 })).toBe(2);
    expect((await stores.journal.list('a', {}, 10)).map((r) => r.receivedAt)).toEqual([6, 5]);
    await stores.journal.append([sharing('b', 7)]);
    await stores.close();
    opened.splice(opened.indexOf(stores), 1);

    // And back: each row whole again, with its service, under the old index.
    const raw = new SQLite(file);
    const back = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    await migrateTo(back, 'sqlite', '004-bridges');
    expect(raw.prepare('select service, received_at, stub_id, entry from journal order by id').all()).toEqual(
      [
        { service: 'a', received_at: 5, stub_id: null, entry: '{"at":5}' },
        { service: 'a', received_at: 6, stub_id: null, entry: '{"at":6}' },
        { service: 'b', received_at: 1, stub_id: null, entry: '{"at":1}' },
        { service: 'b', received_at: 3, stub_id: null, entry: '{"at":3}' },
        { service: 'b', received_at: 7, stub_id: 'stub-1', entry: `{"at":7,${SHARED_END}` },
      ],
    );
    expect(
      raw.prepare("select name from sqlite_master where name = 'journal_service_id'").get(),
    ).toBeDefined();
    await back.destroy();
  });
});
