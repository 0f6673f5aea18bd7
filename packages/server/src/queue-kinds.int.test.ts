import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from './app.js';
import { AdminClient } from './testing/admin-client.js';
import { SERVICES, serviceAvailable } from './testing/services.js';
import { testConfig } from './testing/test-config.js';

// The same queue-mock flow through the API on every broker kind: register, create, publish through
// the API (confirmed by the broker), read it back from the messages API.
const KINDS = [
  { kind: 'nats', url: SERVICES.nats.url, queue: () => `understudy.test.${randomBytes(4).toString('hex')}` },
  { kind: 'mqtt', url: SERVICES.mqtt.url, queue: () => `understudy-test/${randomBytes(4).toString('hex')}` },
  {
    kind: 'redis',
    url: SERVICES.redis.url,
    queue: () => `understudy-test-${randomBytes(4).toString('hex')}`,
  },
] as const;

const up = {
  nats: await serviceAvailable('nats'),
  mqtt: await serviceAvailable('mqtt'),
  redis: await serviceAvailable('redis'),
};

let app: App;
let admin: AdminClient;
beforeAll(async () => {
  app = await buildApp(testConfig());
  admin = new AdminClient(app.main);
  await admin.register('root');
});
afterAll(async () => app?.close());

async function waitForMessages(id: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const items = (await admin.get(`/internal/queues/${id}/messages`)).json().items;
    if (items.length >= count) return items;
    await sleep(100);
  }
  throw new Error(`queue mock ${id} never got ${count} messages`);
}

describe.each(KINDS)('queue mocks on $kind', ({ kind, url, queue }) => {
  it.skipIf(!up[kind])('registers the broker, keeps what is published, and deletes cleanly', async () => {
    const broker = await admin.post('/internal/brokers', { name: `local-${kind}`, kind, url });
    expect(broker.statusCode, broker.body).toBe(201);
    expect(broker.json().status.state).toBe('connected');
    const created = await admin.post('/internal/queues', { broker: `local-${kind}`, queue: queue() });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();
    const published = await admin.post(`/internal/queues/${id}/publish`, { body: { hello: kind } });
    expect(published.statusCode, published.body).toBe(201);
    const [message] = await waitForMessages(id, 1);
    expect(message.body).toEqual({ hello: kind });
    expect((await admin.delete(`/internal/queues/${id}?deleteQueue=true`)).statusCode).toBe(204);
    expect((await admin.delete(`/internal/brokers/local-${kind}`)).statusCode).toBe(204);
  });
});
