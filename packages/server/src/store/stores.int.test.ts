import { afterAll, describe, expect, it } from 'vitest';
import { serviceAvailable } from '../testing/services.js';
import { tempSqliteUrl } from '../testing/temp-sqlite.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../testing/throwaway-postgres.js';
import { describeAuthStoresContract } from './auth-stores.contract.js';
import { describeBridgeStoresContract } from './bridge-stores.contract.js';
import { describeMockStoresContract } from './mock-stores.contract.js';
import { describeQueueStoresContract } from './queue-stores.contract.js';
import { openDatabase } from './database.js';
import { openStores } from './stores.js';

const sqlite = tempSqliteUrl();
afterAll(() => sqlite.remove());
describeAuthStoresContract('sqlite', () => openStores(sqlite.url));
describeMockStoresContract('sqlite', () => openStores(sqlite.url));
describeQueueStoresContract('sqlite', () => openStores(sqlite.url));
describeBridgeStoresContract('sqlite', () => openStores(sqlite.url));

const postgresUp = await serviceAvailable('postgres');
describe.skipIf(!postgresUp)('postgres', () => {
  let throwaway: ThrowawayDatabase;
  afterAll(async () => throwaway?.drop());
  const openPostgres = async () => {
    throwaway ??= await createThrowawayDatabase();
    return openStores(throwaway.url);
  };
  describeAuthStoresContract('postgres', openPostgres);
  describeMockStoresContract('postgres', openPostgres);
  describeQueueStoresContract('postgres', openPostgres);
  describeBridgeStoresContract('postgres', openPostgres);
});

describe('migrations', () => {
  it('run once and are idempotent on reopen (sqlite)', async () => {
    const temp = tempSqliteUrl();
    const first = await openStores(temp.url);
    await first.users.create({
      id: 'u1',
      username: 'keep',
      passwordHash: 'h',
      role: 'member',
      disabled: false,
      createdAt: 1,
    });
    await first.close();
    const second = await openStores(temp.url);
    expect(await second.users.findById('u1')).toMatchObject({ username: 'keep', role: 'admin' });
    await second.close();
    temp.remove();
  });
});

describe('a SQLite database', () => {
  it('runs in WAL mode with synchronous = NORMAL (the durability the README states), also on reopen', async () => {
    const temp = tempSqliteUrl();
    for (let open = 0; open < 2; open++) {
      const database = await openDatabase(temp.url);
      expect(database.sqlite?.pragma('journal_mode', { simple: true })).toBe('wal');
      // 1 is NORMAL: a commit survives a crash of the process, not always a power loss.
      expect(database.sqlite?.pragma('synchronous', { simple: true })).toBe(1);
      await database.close();
    }
    temp.remove();
  });
});
