import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { serviceAvailable } from '../../testing/services.js';
import {
  DeliveryLog,
  publishRange,
  recordStates,
  waitForState,
  waitUntil,
} from '../broker-contract.fixture.js';
import type { MqttBrokerClient } from './mqtt-broker-client.js';
import {
  RUN_PREFIX,
  dropConnections,
  mqttHarness,
  testClient,
  testTopic,
} from './mqtt-test-clients.fixture.js';

const up = await serviceAvailable('mqtt');

describe.skipIf(!up)('MqttBrokerClient sessions', () => {
  const clients: MqttBrokerClient[] = [];
  const cleanups: Array<() => Promise<void>> = [];

  const open = async (name?: string): Promise<MqttBrokerClient> => {
    const client = testClient(name ? { name } : {});
    clients.push(client);
    await client.connect();
    return client;
  };

  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.close()));
    for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => {});
  });
  afterAll(() => mqttHarness.teardown?.());

  it('sends each PUBACK only after its batch was stored: a reconnect then redelivers nothing', async () => {
    const client = await open();
    const topic = testTopic();
    await client.declare(topic, { kind: 'mqtt' });
    cleanups.push(() => client.deleteQueue(topic));
    await publishRange(client, topic, 0, 20);
    const log = new DeliveryLog();
    const sub = client.consume(topic, log.handler, { prefetch: 10, maxBatch: 5 });
    await log.waitForDistinct(20);
    await sleep(200); // the PUBACKs go out as each batch settles
    await dropConnections(client);
    await waitForState(sub, 'reconnecting');
    await waitForState(sub, 'connected');
    await sleep(500);
    expect(log.duplicates).toBe(0);
    await sub.close();
  });

  it('keeps a rejected batch unacked and hands it over again, in order, from its own queue', async () => {
    const client = await open();
    const topic = testTopic();
    await client.declare(topic, { kind: 'mqtt' });
    cleanups.push(() => client.deleteQueue(topic));
    const published = await publishRange(client, topic, 0, 10);
    const log = new DeliveryLog((_, call) => {
      if (call <= 2) throw new Error('store is down');
    });
    const sub = client.consume(topic, log.handler, { prefetch: 10, maxBatch: 10, maxWaitMs: 50 });
    await log.waitForDistinct(10);
    await sub.close();
    expect(log.order).toEqual(published);
    expect(log.redelivered.size).toBe(10);
  });

  it('shares one queue mock between two nodes with $share: each message reaches one of them', async () => {
    const topic = testTopic();
    const group = `${RUN_PREFIX.slice(-8)}-g`;
    const nodes = [await open(), await open()];
    const logs = [new DeliveryLog(), new DeliveryLog()];
    for (const [i, node] of nodes.entries()) {
      const sessionId = `${RUN_PREFIX}-node${i}`;
      await node.declare(topic, { kind: 'mqtt', sessionId, shareGroup: group });
      cleanups.push(() => node.deleteQueue(topic));
      node.consume(topic, logs[i]!.handler, { prefetch: 50 });
    }
    const publisher = await open();
    const published = await publishRange(publisher, topic, 0, 200);
    await waitUntil('every message arrived once', () => logs[0]!.distinct + logs[1]!.distinct >= 200);
    await sleep(200);
    const both = published.filter((seq) => logs[0]!.accepted.has(seq) && logs[1]!.accepted.has(seq));
    expect(both).toEqual([]);
    expect(logs[0]!.distinct).toBeGreaterThan(0);
    expect(logs[1]!.distinct).toBeGreaterThan(0);
  });

  it('gives each node its own session in a share group, derived from its name, and resumes it', async () => {
    const topic = testTopic();
    const group = `${RUN_PREFIX.slice(-8)}-n`;
    const names = [`${RUN_PREFIX}-node-a`, `${RUN_PREFIX}-node-b`];
    const declaration = { kind: 'mqtt', shareGroup: group } as const;
    const nodeA = await open(names[0]);
    let nodeB = await open(names[1]);
    for (const node of [nodeA, nodeB]) await node.declare(topic, declaration);
    const logA = new DeliveryLog();
    const logB = new DeliveryLog();
    nodeA.consume(topic, logA.handler, { prefetch: 50 });
    const subB = nodeB.consume(topic, logB.handler, { prefetch: 50 });
    const publisher = await open();
    await publishRange(publisher, topic, 0, 20);
    await waitUntil('the first 20 arrived', () => logA.distinct + logB.distinct >= 20);
    expect(logA.distinct).toBeGreaterThan(0);
    expect(logB.distinct).toBeGreaterThan(0);

    // Node B stops; the broker keeps routing B's share to B's session, which B picks up when it is back.
    await subB.close();
    await nodeB.close();
    const published = await publishRange(publisher, topic, 20, 60);
    await sleep(300);
    const tookWhileAway = published.filter((seq) => logA.accepted.has(seq)).length;
    nodeB = await open(names[1]);
    await nodeB.declare(topic, declaration);
    nodeB.consume(topic, logB.handler, { prefetch: 50 });
    cleanups.push(
      () => nodeA.deleteQueue(topic),
      () => nodeB.deleteQueue(topic),
    );
    await waitUntil('every message arrived', () =>
      published.every((seq) => logA.accepted.has(seq) || logB.accepted.has(seq)),
    );
    // B's share waited in B's session for B, rather than going to A or being lost.
    expect(tookWhileAway).toBeLessThan(published.length);
    expect(published.some((seq) => logB.accepted.has(seq))).toBe(true);
    const both = published.filter((seq) => logA.accepted.has(seq) && logB.accepted.has(seq));
    expect(both).toEqual([]);
  });

  it('loses nothing when two clients fight over one fixed session (two nodes without a share group)', async () => {
    const topic = testTopic();
    const declaration = { kind: 'mqtt', sessionId: `${RUN_PREFIX}-contested` } as const;
    const [first, second] = [await open(), await open()];
    await first.declare(topic, declaration);
    cleanups.push(() => first.deleteQueue(topic));
    const log = new DeliveryLog();
    const sub = first.consume(topic, log.handler, { prefetch: 10 });
    await waitForState(sub, 'connected');
    // Mosquitto closes the taken-over connection without a DISCONNECT: it looks like a dropped one.
    const seen = recordStates(sub);
    await second.declare(topic, declaration);
    const other = second.consume(topic, log.handler, { prefetch: 10 });
    await waitUntil('the first was taken over', () => seen.some((s) => s.state === 'reconnecting'));
    const published = await publishRange(first, topic, 0, 50);
    await sleep(500);
    await other.close();
    await log.waitForAll(published);
    await sub.close();
  });

  it('ends the session on deleteQueue: what is published meanwhile is not kept for it', async () => {
    const client = await open();
    const topic = testTopic();
    await client.declare(topic, { kind: 'mqtt' });
    await client.deleteQueue(topic);
    await publishRange(client, topic, 0, 5);
    await client.declare(topic, { kind: 'mqtt' });
    cleanups.push(() => client.deleteQueue(topic));
    await publishRange(client, topic, 5, 6);
    const log = new DeliveryLog();
    const sub = client.consume(topic, log.handler, { prefetch: 10 });
    await log.waitForDistinct(1);
    await sleep(300);
    await sub.close();
    expect([...log.accepted.keys()]).toEqual([5]);
  });
});
