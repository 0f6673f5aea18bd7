import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BrokerRejectedError } from '../../core/ports/broker-client.js';
import { SERVICES, serviceAvailable } from '../../testing/services.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeliveryLog, publishRange, waitForState, waitUntil } from '../broker-contract.fixture.js';
import type { RedisBrokerClient } from './redis-broker-client.js';
import { readGroup } from './redis-streams.js';
import { RUN_PREFIX, dropConnections, testClient, testStream } from './redis-test-clients.fixture.js';

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

  /** The group's consumers by name, with their pending counts. */
  const consumers = async (key: string): Promise<Record<string, number>> => {
    const rows = (await raw.call('XINFO', 'CONSUMERS', key, 'understudy')) as unknown[][];
    const entries = rows.map((row) => [String(row[1]), Number(row[3])] as const);
    return Object.fromEntries(entries);
  };

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

  it('forgets consumers that stopped, once what they held is claimed, so new names do not pile up', async () => {
    const client = await open(`${RUN_PREFIX}-live-node`);
    const key = await fresh(client, 300);
    await publishRange(client, key, 0, 5);
    expect(await strand(key, `${RUN_PREFIX}-dead-holding`, 2)).toHaveLength(2);
    const [idle] = await strand(key, `${RUN_PREFIX}-dead-empty`, 1);
    await raw.xack(key, 'understudy', idle!.id);
    const log = new DeliveryLog();
    const sub = client.consume(key, log.handler, { prefetch: 10 });
    await log.waitForAll([0, 1, 3, 4], 10_000); // 2 was read and acked by the other stopped consumer
    const deadline = Date.now() + 10_000;
    while (Object.keys(await consumers(key)).length > 1 && Date.now() < deadline) await sleep(200);
    expect(await consumers(key)).toEqual({ [`${RUN_PREFIX}-live-node`]: 0 });
    await sub.close();
    expect(log.duplicates).toBe(0);
  });

  it('reads one group with two readers of one client under two names, each entry once, across a reconnect', async () => {
    const name = `${RUN_PREFIX}-two-mocks`;
    const client = await open(name);
    const key = await fresh(client);
    // Both hold each batch a while, so a reconnect finds entries in flight with both of them.
    const slow = () => sleep(100);
    const logs = [new DeliveryLog(slow), new DeliveryLog(slow)];
    const subs = logs.map((log) => client.consume(key, log.handler, { prefetch: 5, maxBatch: 5 }));
    const published = await publishRange(client, key, 0, 60);
    await waitUntil('both readers got entries', () => logs.every((log) => log.calls > 0));
    await dropConnections(client);
    for (const sub of subs) await waitForState(sub, 'connected');
    await waitUntil('every entry arrived', () => logs[0]!.distinct + logs[1]!.distinct >= 60, 15_000);
    await sleep(300);
    await Promise.all(subs.map((sub) => sub.close()));
    const twice = published.filter(
      (seq) => (logs[0]!.accepted.get(seq) ?? 0) + (logs[1]!.accepted.get(seq) ?? 0) > 1,
    );
    expect(twice).toEqual([]);
    expect(Object.keys(await consumers(key)).sort()).toEqual([name, `${name}#2`]);
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

  it('reports a vanished group first and does not bring it back once its reader is closed', async () => {
    // A queue mock deleted on another node: that node removed the group, and closes this reader as
    // soon as it hears of it, which must come before the group would be re-created.
    const client = testClient({ retryLowMs: 1500 });
    clients.push(client);
    await client.connect();
    const key = await fresh(client);
    const log = new DeliveryLog();
    const sub = client.consume(key, log.handler, { prefetch: 10 });
    await publishRange(client, key, 0, 1);
    await log.waitForDistinct(1);
    await raw.del(key);
    await raw.xadd(key, '*', 'after', 'delete'); // the stream is back, without the group
    // (A blocked read is first cut off with UNBLOCKED; the next one finds no group.)
    await waitUntil(
      'the lost group is reported',
      () => sub.status.state === 'reconnecting' && sub.status.lastError.code === 'NOGROUP',
    );
    await sub.close();
    await sleep(2000);
    expect(await raw.call('XINFO', 'GROUPS', key)).toEqual([]);
  });

  it('refuses to declare on a missing stream without create (404), and fails a consume on it with the reason', async () => {
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

  it("creates its own group on someone else's stream without create, reading what arrives from then on", async () => {
    const client = await open();
    const key = testStream();
    keys.push(key);
    await raw.xadd(key, '*', 'before', 'declare');
    await client.declare(key, { kind: 'redis', create: false, group: `${RUN_PREFIX}-mock` });
    const published = await publishRange(client, key, 0, 3);
    const log = new DeliveryLog();
    const sub = client.consume(key, log.handler, { prefetch: 10 });
    await log.waitForAll(published);
    await sub.close();
    expect(log.distinct).toBe(3);
    await client.deleteReader(key, { kind: 'redis', create: false, group: `${RUN_PREFIX}-mock` });
    expect(await raw.xlen(key)).toBe(4); // the stream is not ours: only the group went
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
