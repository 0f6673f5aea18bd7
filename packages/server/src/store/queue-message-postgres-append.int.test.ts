import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueMessage } from './queue-message.fixture.js';
import { serviceAvailable } from '../testing/services.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../testing/throwaway-postgres.js';
import { openStores, type Stores } from './stores.js';

const message = (queueId: string, at: number) =>
  queueMessage(queueId, at, { body: { at, note: 'x'.repeat(1000) } });

const up = await serviceAvailable('postgres');

describe.skipIf(!up)('appending queue messages to PostgreSQL through its pool', () => {
  let throwaway: ThrowawayDatabase;
  let stores: Stores;
  beforeAll(async () => {
    throwaway = await createThrowawayDatabase();
    stores = await openStores(throwaway.url);
  });
  afterAll(async () => {
    await stores?.close();
    await throwaway?.drop();
  });

  it('stores nothing of a batch of several statements when a later statement fails', async () => {
    const q = randomUUID();
    // Over 2,000 rows and 2 MB: several statements in one transaction; the last row breaks a NOT NULL column.
    const batch = Array.from({ length: 2500 }, (_, i) => message(q, i));
    batch.push({ ...message(q, 2500), routingKey: null as unknown as string });
    await expect(stores.queueMessages.append(batch)).rejects.toThrow(/routing_key/);
    expect(await stores.queueMessages.count(q)).toBe(0);
  });

  it('keeps appending on every pooled connection after failures, with its named statements', async () => {
    const q = randomUUID();
    const broken = [{ ...message(q, 0), routingKey: null as unknown as string }];
    await Promise.all(
      Array.from({ length: 12 }, () => expect(stores.queueMessages.append(broken)).rejects.toThrow()),
    );
    const rounds = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        stores.queueMessages.append([message(q, 2 * i), message(q, 2 * i + 1)]),
      ),
    );
    expect(rounds.flat().every((id) => typeof id === 'number')).toBe(true);
    expect(await stores.queueMessages.count(q)).toBe(24);
  });
});
