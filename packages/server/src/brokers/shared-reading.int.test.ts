import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import mqtt, { type IConnackPacket } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrokerClient, BrokerKind, DeclareOptions } from '../core/ports/broker-client.js';
import { declarations } from '../core/queues/queue-declarations.js';
import { SERVICES, serviceAvailable } from '../testing/services.js';
import { DeliveryLog, publishRange, waitUntil } from './broker-contract.fixture.js';
import { defaultSessionId } from './mqtt/mqtt-topics.js';
import { testClient as mqttClient, testTopic } from './mqtt/mqtt-test-clients.fixture.js';
import { findStream } from './nats/nats-topology.js';
import { testClient as natsClient, testSubject } from './nats/nats-test-clients.fixture.js';
import { testClient as rabbitmqClient, testQueueName } from './rabbitmq/rabbitmq-test-clients.fixture.js';
import { testClient as redisClient, testStream } from './redis/redis-test-clients.fixture.js';
import { newRunPrefix } from './test-clients.fixture.js';

// How queue mocks read shared sources, through the declarations the app uses (queue-declarations.ts):
// each queue mock has its own reader (NATS durable, MQTT share group, Redis group), the same on every
// Understudy node, so two mocks on one source each get every message while two nodes on one mock
// share its messages; deleting a mock deletes that reader's state and leaves the source alone.

const RUN = newRunPrefix();
const up = {
  rabbitmq: await serviceAvailable('rabbitmq'),
  nats: await serviceAvailable('nats'),
  mqtt: await serviceAvailable('mqtt'),
  redis: await serviceAvailable('redis'),
};

let jsm: JetStreamManager;
let nc: NatsConnection | undefined;
let redis: Redis | undefined;

/** What each kind needs from the test: its clients (one per node), and a look at the broker's state. */
interface KindUnderTest {
  kind: BrokerKind;
  /** A client of the node `node`: its name and node id both hold it, as the app's do. */
  client(node: string): BrokerClient;
  newTarget(): string;
  /** Whether a mock can have a reader of its own on a shared source (RabbitMQ: the queue is the reader). */
  ownReaders: boolean;
  /**
   * Whether the broker still keeps the reader's state for `node`. MQTT's probe ends the session it finds
   * (it connects under its client id with session expiry 0), so call it once per session, last.
   */
  readerKept(target: string, reader: DeclareOptions, node: string): Promise<boolean>;
  sourceKept(target: string): Promise<boolean>;
  cleanUp(target: string, client: BrokerClient): Promise<void>;
}

const KINDS: KindUnderTest[] = [
  {
    kind: 'nats',
    client: (node) => natsClient({ name: `${RUN}-${node}`, nodeId: `${RUN}-${node}` }, false),
    newTarget: testSubject,
    ownReaders: true,
    async readerKept(target, reader) {
      const stream = await findStream(jsm, target);
      if (stream === null || reader.kind !== 'nats' || !reader.durable) return false;
      return jsm.consumers.info(stream, reader.durable).then(
        () => true,
        () => false,
      );
    },
    sourceKept: async (target) => (await findStream(jsm, target)) !== null,
    async cleanUp(target) {
      const stream = await findStream(jsm, target);
      if (stream) await jsm.streams.delete(stream);
    },
  },
  {
    kind: 'mqtt',
    client: (node) => mqttClient({ name: `${RUN}-${node}`, nodeId: `${RUN}-${node}` }, false),
    newTarget: testTopic,
    ownReaders: true,
    readerKept: async (target, reader, node) =>
      sessionPresent(defaultSessionId(target, `${RUN}-${node}`, reader.kind === 'mqtt' ? reader : undefined)),
    sourceKept: async () => true, // a topic is nothing the broker keeps
    cleanUp: async () => {},
  },
  {
    kind: 'redis',
    client: (node) => redisClient({ name: `${RUN}-${node}`, nodeId: `${RUN}-${node}` }),
    newTarget: testStream,
    ownReaders: true,
    async readerKept(target, reader) {
      if (reader.kind !== 'redis') return false;
      return (await groupsOf(target)).includes(reader.group);
    },
    sourceKept: async (target) => (await redis!.exists(target)) === 1,
    cleanUp: async (target) => void (await redis!.del(target)),
  },
  {
    kind: 'rabbitmq',
    client: (node) => rabbitmqClient({ connectionName: `${RUN}-${node}` }),
    newTarget: testQueueName,
    ownReaders: false,
    readerKept: async () => true,
    sourceKept: async () => true,
    cleanUp: (target, client) => client.deleteQueue(target),
  },
];

/** Connects under the session's client id without clean start: CONNACK says whether the broker had it. */
async function sessionPresent(clientId: string): Promise<boolean> {
  const probe = mqtt.connect(SERVICES.mqtt.url, {
    clientId,
    clean: false,
    protocolVersion: 5,
    properties: { sessionExpiryInterval: 0 },
    reconnectPeriod: 0,
  });
  try {
    const connack = await new Promise<IConnackPacket>((resolve, reject) => {
      probe.once('connect', resolve);
      probe.once('error', reject);
    });
    return connack.sessionPresent;
  } finally {
    await probe.endAsync();
  }
}

async function groupsOf(stream: string): Promise<string[]> {
  const rows = (await redis!.call('XINFO', 'GROUPS', stream).catch(() => [])) as unknown[][];
  return rows.map((row) => String(row[1]));
}

const mockReader = (kind: BrokerKind, queue: string, id = randomUUID()): DeclareOptions =>
  declarations[kind]({ id, queue, create: true, options: {} });

beforeAll(async () => {
  if (up.nats) {
    nc = await connect({ servers: SERVICES.nats.url });
    jsm = await jetstreamManager(nc);
  }
  if (up.redis) redis = new Redis(SERVICES.redis.url, { protocol: 2 });
});
afterAll(async () => {
  await nc?.close();
  await redis?.quit();
});

describe.each(KINDS)('queue mocks reading a shared source on $kind', (k) => {
  const clients: BrokerClient[] = [];
  const cleanups: Array<() => Promise<void>> = [];

  const open = async (node: string): Promise<BrokerClient> => {
    const client = k.client(node);
    clients.push(client);
    expect((await client.connect()).state).toBe('connected');
    return client;
  };
  const target = (client: BrokerClient): string => {
    const name = k.newTarget();
    cleanups.push(() => k.cleanUp(name, client));
    return name;
  };

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => {});
    await Promise.allSettled(clients.splice(0).map((c) => c.close()));
  });

  // RabbitMQ has no reader of its own beside the queue: two mocks on one queue compete, by design,
  // so it has no such case.
  if (k.ownReaders)
    it.skipIf(!up[k.kind])('gives two queue mocks on one source every message each', async () => {
      const client = await open('n1');
      const source = target(client);
      const readers = [mockReader(k.kind, source), mockReader(k.kind, source)];
      for (const reader of readers) await client.declare(source, reader);
      const logs = [new DeliveryLog(), new DeliveryLog()];
      const subs = readers.map((reader, i) =>
        client.consume(source, logs[i]!.handler, { prefetch: 10, reader }),
      );
      const published = await publishRange(client, source, 0, 40);
      for (const log of logs) await log.waitForAll(published);
      await Promise.all(subs.map((s) => s.close()));
      for (const reader of readers) await client.deleteReader(source, reader);
    });

  it.skipIf(!up[k.kind])(
    'shares one queue mock between two nodes: each message reaches one, none is lost',
    async () => {
      const nodes = [await open('n1'), await open('n2')];
      const source = target(nodes[0]!);
      const reader = mockReader(k.kind, source);
      for (const node of nodes) await node.declare(source, reader);
      // A short pause per batch, so neither node drains everything before the other pulls.
      const logs = [new DeliveryLog(() => sleep(5)), new DeliveryLog(() => sleep(5))];
      const subs = nodes.map((node, i) => node.consume(source, logs[i]!.handler, { prefetch: 5, reader }));
      const published = await publishRange(nodes[0]!, source, 0, 200);
      await waitUntil('every message arrived', () =>
        published.every((seq) => logs[0]!.accepted.has(seq) || logs[1]!.accepted.has(seq)),
      );
      await sleep(200); // a message delivered to both would show up by now
      await Promise.all(subs.map((s) => s.close()));
      const both = published.filter((seq) => logs[0]!.accepted.has(seq) && logs[1]!.accepted.has(seq));
      expect(both).toEqual([]);
      expect(logs[0]!.distinct).toBeGreaterThan(0);
      expect(logs[1]!.distinct).toBeGreaterThan(0);
      for (const node of nodes) await node.deleteReader(source, reader);
    },
  );

  it.skipIf(!up[k.kind])(
    "deletes a queue mock's reader state on the broker, leaving the source and other readers",
    async () => {
      const client = await open('n1');
      const source = target(client);
      const [gone, other] = [mockReader(k.kind, source), mockReader(k.kind, source)];
      for (const reader of [gone, other]) await client.declare(source, reader);
      const log = new DeliveryLog();
      const sub = client.consume(source, log.handler, { prefetch: 10, reader: gone! });
      const published = await publishRange(client, source, 0, 5);
      await log.waitForAll(published);
      await sub.close();
      if (k.kind !== 'mqtt') expect(await k.readerKept(source, gone!, 'n1')).toBe(true);

      await client.deleteReader(source, gone!);
      expect(await k.sourceKept(source)).toBe(true);
      if (k.ownReaders) {
        expect(await k.readerKept(source, gone!, 'n1')).toBe(false);
        expect(await k.readerKept(source, other!, 'n1')).toBe(true);
      }
      await client.deleteReader(source, other!);
    },
  );
});
