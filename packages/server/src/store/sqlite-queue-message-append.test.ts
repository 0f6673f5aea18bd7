import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueMessage } from './queue-message.fixture.js';
import { openStores, type Stores } from './stores.js';

const message = (queueId: string, at: number, brokerMessageId: string | null = null) =>
  queueMessage(queueId, at, { brokerMessageId });

/** Which message each returned id stored, by its receivedAt. */
async function storedAt(stores: Stores, queueId: string, ids: Array<number | null>) {
  const rows = await stores.queueMessages.list(queueId, {}, 1000);
  const byId = new Map(rows.map((r) => [r.id, r.receivedAt]));
  return ids.map((id) => (id === null ? null : byId.get(id)));
}

describe('queue message appends on SQLite', () => {
  let stores: Stores;
  beforeAll(async () => {
    stores = await openStores('sqlite::memory:');
  });
  afterAll(async () => stores?.close());

  it('maps every id to the message it stored, across 16-row runs and single rows', async () => {
    const q = 'q-map';
    await stores.queueMessages.append([message(q, 0, 'stored')]);
    // 18 without a broker id (one 16-row run, then singles), ids, a redelivery, a repeat in the batch.
    const batch = [
      ...Array.from({ length: 18 }, (_, i) => message(q, i + 1)),
      message(q, 19, 'a'),
      message(q, 20, 'stored'),
      message(q, 21),
      message(q, 22, 'a'),
      ...Array.from({ length: 17 }, (_, i) => message(q, i + 23)),
    ];
    const ids = await stores.queueMessages.append(batch);
    const expected = batch.map((m) => (m.receivedAt === 20 || m.receivedAt === 22 ? null : m.receivedAt));
    expect(await storedAt(stores, q, ids)).toEqual(expected);
    expect(await stores.queueMessages.count(q)).toBe(1 + batch.length - 2);
  });

  it('stores nothing of a batch when one row fails', async () => {
    const q = 'q-fail';
    const batch = Array.from({ length: 20 }, (_, i) => message(q, i + 1));
    batch[17] = { ...message(q, 18), routingKey: null as unknown as string };
    await expect(stores.queueMessages.append(batch)).rejects.toThrow();
    expect(await stores.queueMessages.count(q)).toBe(0);
  });
});
