import { randomBytes } from 'node:crypto';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from './app.js';
import { findStream } from './brokers/nats/nats-topology.js';
import { AdminClient } from './testing/admin-client.js';
import { SERVICES, serviceAvailable } from './testing/services.js';
import { testConfig } from './testing/test-config.js';

// Deleting a queue mock or a bridge without ?deleteQueue removes what its broker kept for it alone
// (its durable consumer, its consumer group) and leaves the user's stream.

const up = { nats: await serviceAvailable('nats'), redis: await serviceAvailable('redis') };
const suffix = randomBytes(4).toString('hex');

let app: App;
let admin: AdminClient;
let nc: NatsConnection | undefined;
let jsm: JetStreamManager;
let redis: Redis | undefined;

beforeAll(async () => {
  app = await buildApp(testConfig());
  admin = new AdminClient(app.main);
  await admin.register('root');
  if (up.nats) {
    nc = await connect({ servers: SERVICES.nats.url });
    jsm = await jetstreamManager(nc);
    await admin.post('/internal/brokers', { name: 'nats', kind: 'nats', url: SERVICES.nats.url });
  }
  if (up.redis) {
    redis = new Redis(SERVICES.redis.url, { protocol: 2 });
    await admin.post('/internal/brokers', { name: 'redis', kind: 'redis', url: SERVICES.redis.url });
  }
});
afterAll(async () => {
  await app?.close();
  await nc?.close();
  await redis?.quit();
});

async function durableExists(subject: string, durable: string): Promise<boolean> {
  const stream = await findStream(jsm, subject);
  if (!stream) return false;
  return jsm.consumers.info(stream, durable).then(
    () => true,
    () => false,
  );
}

async function redisGroups(key: string): Promise<string[]> {
  const rows = (await redis!.call('XINFO', 'GROUPS', key).catch(() => [])) as unknown[][];
  return rows.map((row) => String(row[1]));
}

async function createMock(broker: string, queue: string): Promise<string> {
  const created = await admin.post('/internal/queues', { broker, queue, create: true });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id as string;
}

async function createBridge(broker: string, queue: string, out: string): Promise<string> {
  const body = {
    name: `removal-${broker}-${suffix}`,
    in: { broker, queue, create: true },
    out: { broker, queue: out },
    mapper: { kind: 'identity' },
  };
  const created = await admin.post('/internal/bridges', body);
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id as string;
}

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
  expect(await check()).toBe(true);
}

describe('removing a queue mock or a bridge', () => {
  it.skipIf(!up.nats)('deletes their NATS durable consumers and keeps the stream', async () => {
    const subject = `understudy.test.removal.${suffix}`;
    const mockId = await createMock('nats', subject);
    const bridgeId = await createBridge('nats', subject, `${subject}.out`);
    await eventually(() => durableExists(subject, `understudy-bridge-${bridgeId}`));
    expect(await durableExists(subject, `understudy-${mockId}`)).toBe(true);

    expect((await admin.delete(`/internal/queues/${mockId}`)).statusCode).toBe(204);
    expect(await durableExists(subject, `understudy-${mockId}`)).toBe(false);
    expect(await durableExists(subject, `understudy-bridge-${bridgeId}`)).toBe(true);
    expect((await admin.delete(`/internal/bridges/${bridgeId}`)).statusCode).toBe(204);
    expect(await durableExists(subject, `understudy-bridge-${bridgeId}`)).toBe(false);

    const stream = await findStream(jsm, subject);
    expect(stream).not.toBeNull();
    await jsm.streams.delete(stream!);
  });

  it.skipIf(!up.redis)('deletes their Redis consumer groups and keeps the stream', async () => {
    const key = `understudy-test-removal-${suffix}`;
    const mockId = await createMock('redis', key);
    const bridgeId = await createBridge('redis', key, `${key}-out`);
    await eventually(async () => (await redisGroups(key)).includes(`understudy-bridge-${bridgeId}`));
    expect(await redisGroups(key)).toContain(`understudy-${mockId}`);

    expect((await admin.delete(`/internal/queues/${mockId}`)).statusCode).toBe(204);
    expect(await redisGroups(key)).toEqual([`understudy-bridge-${bridgeId}`]);
    expect((await admin.delete(`/internal/bridges/${bridgeId}`)).statusCode).toBe(204);
    expect(await redisGroups(key)).toEqual([]);
    expect(await redis!.exists(key)).toBe(1);
    await redis!.del(key, `${key}-out`);
  });
});
