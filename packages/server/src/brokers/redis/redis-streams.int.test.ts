import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BrokerRejectedError } from '../../core/ports/broker-client.js';
import { SERVICES, serviceAvailable } from '../../testing/services.js';
import { DeliveryLog, publishRange, waitUntil } from '../broker-contract.fixture.js';
import type { RedisBrokerClient } from './redis-broker-client.js';
import { readGroup } from './redis-streams.js';
import { RUN_PREFIX, testClient, testStream } from './redis-test-clients.fixture.js';

const up = await serviceAvailable('redis');

describe.skipIf(!up)('RedisBrokerClient on streams', () => {
  let raw: Redis;
  const clients: RedisBrokerClient[] = [];
  const keys: string[] = [];

  const open = async (name?: string): Promise<RedisBrokerClient> => {
    const client = testClient(name ? { name } : {});
    clients.push(client);
    await client.connect();
    return client;
  };
  const fresh = async (client: RedisBrokerClient, claimIdleMs?: number): Promise<string> => {
    const key = testStream();
    keys.push(key);
    await client.declare(key, { kind: 'redis', create: true, group: 'understudy', claimIdleMs });
    return key;
  };
  /** Takes `count` new entries into `consumer`'s pending list and never acks them: a node that died. */
  const strand = (key: string, consumer: string, count: number) =>
    readGroup(raw, { stream: key, group: 'understudy', consumer, count, after: '>' });

  beforeAll(() => {
    raw = new Redis(SERVICES.redis.url, { protocol: 2 });
  });
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.close()));
    for (const key of keys.splice(0)) await raw.del(key);
  });
  afterAll(() => raw.quit());

  it('claims entries a stopped consumer left pending once they idled claimIdleMs', async () => {
    const client = await open();
    const key = await fresh(client, 500);
    const published = await publishRange(client, key, 0, 6);
    expect(await strand(key, `${RUN_PREFIX}-dead-node`, 4)).toHaveLength(4);
    const log = new DeliveryLog();
    const sub = client.consume(key, log.handler, { prefetch: 10 });
    await log.waitForDistinct(6, 10_000);
    await sub.close();
    expect(log.lost(published)).toEqual([]);
    expect([...log.redelivered].sort()).toEqual([0, 1, 2, 3]);
  });

  it('re-reads its own pending entries first when it starts again, then new ones, in order', async () => {
    const name = `${RUN_PREFIX}-restarting-node`;
    const before = await open(name);
    const key = await fresh(before);
    const published = await publishRange(before, key, 0, 8);
    expect(await strand(key, name, 3)).toHaveLength(3); // read by an earlier run of this node, never acked
    await before.close();
    const after = await open(name);
    const log = new DeliveryLog();
    const sub = after.consume(key, log.handler, { prefetch: 10, maxBatch: 10 });
    await log.waitForDistinct(8);
    await sub.close();
    expect(log.order).toEqual(published);
    expect([...log.redelivered].sort()).toEqual([0, 1, 2]);
  });

  it('creates a group that vanished again from ID 0 when it was declared with create', async () => {
    const client = await open();
    const key = await fresh(client);
    const log = new DeliveryLog();
    const sub = client.consume(key, log.handler, { prefetch: 10 });
    await publishRange(client, key, 0, 2);
    await log.waitForDistinct(2);
    await raw.del(key); // as a Redis restart without persistence would
    await publishRange(client, key, 2, 5); // XADD makes the stream again, without the group
    await log.waitForDistinct(5, 10_000);
    await sub.close();
  });

  it('refuses to declare a missing group without create (404), and fails a consume on it with the reason', async () => {
    const client = await open();
    const key = testStream();
    keys.push(key);
    const declared = client.declare(key, { kind: 'redis', create: false, group: 'understudy' });
    await expect(declared).rejects.toBeInstanceOf(BrokerRejectedError);
    await expect(declared).rejects.toMatchObject({ brokerCode: 'NOT_FOUND', status: 404 });
    const sub = client.consume(key, async () => {}, { prefetch: 1 });
    await waitUntil('the subscription failed', () => sub.status.state === 'failed');
    expect(sub.status.state === 'failed' && sub.status.lastError.code).toBe('NOT_FOUND');
    await sub.close();
  });

  it('reads entries another producer wrote as a JSON body of their fields', async () => {
    const client = await open();
    const key = await fresh(client);
    await raw.xadd(key, '*', 'id', '7', 'type', 'express');
    const bodies: string[] = [];
    const sub = client.consume(
      key,
      async (batch) => void bodies.push(...batch.map((d) => d.body.toString())),
      {
        prefetch: 1,
      },
    );
    await waitUntil('the entry arrived', () => bodies.length === 1);
    await sub.close();
    expect(JSON.parse(bodies[0]!)).toEqual({ id: '7', type: 'express' });
  });
});
