import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueMessage } from './queue-message.fixture.js';
import { RAW_BODY, type WithRawBody } from '../core/ports/index.js';
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

  it('maps ids when the dedupe index skips rows inside a multi-row statement', async () => {
    const q = 'q-ids';
    await stores.queueMessages.append([message(q, 0, 'id-3'), message(q, 0, 'id-9')]);
    const batch = Array.from({ length: 20 }, (_, i) => message(q, i + 1, `id-${i % 10}`));
    const ids = await stores.queueMessages.append(batch);
    // id-3 and id-9 were stored before; the second ten repeat the first ten.
    const expected = batch.map((m, i) => (i >= 10 || i === 3 || i === 9 ? null : m.receivedAt));
    expect(await storedAt(stores, q, ids)).toEqual(expected);
  });

  it('stores a body given as its delivered bytes (RAW_BODY) as the same text, still searchable', async () => {
    const q = 'q-raw';
    const json = '{"name":"Zoë","seq":1}';
    const text = 'plain Zoë';
    const jsonBody = { encoding: 'json' as const, value: JSON.parse(json) as unknown, size: 23, json };
    const asJson: WithRawBody = {
      ...queueMessage(q, 1),
      body: { ...jsonBody, truncated: false },
      [RAW_BODY]: Buffer.from(json),
    };
    const asText: WithRawBody = {
      ...queueMessage(q, 2, { text }),
      body: { encoding: 'text', value: text, size: 10, truncated: false },
      [RAW_BODY]: Buffer.from(text),
    };
    await stores.queueMessages.append([asJson, asText]);
    const [second, first] = await stores.queueMessages.list(q, {}, 10);
    expect(first?.body.value).toEqual({ name: 'Zoë', seq: 1 });
    expect(second?.body.value).toBe(text);
    expect((await stores.queueMessages.list(q, { text: 'zoë' }, 10)).length).toBe(2);
    expect(JSON.stringify(asText)).not.toContain('data'); // the bytes never show in a record's JSON
  });

  it('stores nothing of a batch when one row fails', async () => {
    const q = 'q-fail';
    const batch = Array.from({ length: 20 }, (_, i) => message(q, i + 1));
    batch[17] = { ...message(q, 18), routingKey: null as unknown as string };
    await expect(stores.queueMessages.append(batch)).rejects.toThrow();
    expect(await stores.queueMessages.count(q)).toBe(0);
  });
});
