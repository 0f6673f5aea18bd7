import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from './app.js';
import { AdminClient } from './testing/admin-client.js';
import { httpCall } from './testing/http-call.js';
import { serviceAvailable } from './testing/services.js';
import { testConfig } from './testing/test-config.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from './testing/throwaway-postgres.js';
import { openStores, type Stores } from './store/stores.js';
import { listenerName } from './store/postgres-change-feed.js';
import { startUpstream, type TestUpstream } from './http/mock/proxy-upstream.fixture.js';
import { amqpClient, FAST_RETRY, uniqueQueue, waitFor } from './http/admin/queue-test.fixture.js';
import { SERVICES } from './testing/services.js';

const postgresUp = await serviceAvailable('postgres');
const rabbitUp = postgresUp && (await serviceAvailable('rabbitmq'));
const SECRET = randomBytes(32).toString('hex');

interface Node {
  app: App;
  admin: AdminClient;
  mainUrl: string;
}

async function startNode(db: string, nodeId: string): Promise<Node> {
  const app = await buildApp(testConfig({ db, nodeId, secretKey: SECRET, proxyAllow: ['127.0.0.1'] }));
  const { mainUrl } = await app.listen();
  return { app, admin: new AdminClient(app.main), mainUrl };
}

async function ok(res: Promise<{ statusCode: number; body: string }>, status = 200) {
  const answer = await res;
  if (answer.statusCode !== status)
    throw new Error(`expected ${status}: ${answer.statusCode} ${answer.body}`);
  return answer;
}

/** What node `n` answers for GET /proxy/pay{path}: status and text. */
async function mockGet(n: Node, path: string) {
  const res = await httpCall(n.mainUrl, `/proxy/pay${path}`);
  return { status: res.statusCode, text: res.body, upstream: res.headers['x-upstream'] === 'yes' };
}

const textStub = (path: string, text: string) => ({
  request: { method: 'GET', path },
  response: { kind: 'static', text },
});

describe.skipIf(!postgresUp)('several nodes on one PostgreSQL', () => {
  let db: ThrowawayDatabase;
  let a: Node;
  let b: Node;
  let raw: Stores;
  let upstream: TestUpstream;

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    a = await startNode(db.url, 'node-a');
    b = await startNode(db.url, 'node-b');
    raw = await openStores(db.url);
    upstream = await startUpstream();
    await a.admin.register('root');
    await ok(b.admin.post('/internal/auth/login', { username: 'root', password: 'correct horse battery' }));
  });
  afterAll(async () => {
    await Promise.all([a?.app.close(), b?.app.close(), raw?.close(), upstream?.close()]);
    await db?.drop();
  });
  beforeEach(async () => {
    await ok(a.admin.post('/internal/services', { name: 'pay', upstream: upstream.url }), 201);
  });
  afterEach(async () => {
    await ok(a.admin.delete('/internal/services/pay'), 204);
    await waitFor(
      'B forgot the service',
      () => mockGet(b, '/x'),
      (r) => r.status === 404,
    );
  });

  it('serves on B a stub created, changed and deleted on A', async () => {
    const created = await ok(a.admin.post('/internal/services/pay/stubs', textStub('/hello', 'one')), 201);
    const id = (created as unknown as { json(): { id: string } }).json().id;
    await waitFor(
      'B answers the new stub',
      () => mockGet(b, '/hello'),
      (r) => r.text === 'one',
    );
    await ok(a.admin.put(`/internal/services/pay/stubs/${id}`, textStub('/hello', 'two')));
    await waitFor(
      'B answers the changed stub',
      () => mockGet(b, '/hello'),
      (r) => r.text === 'two',
    );
    await ok(a.admin.delete(`/internal/services/pay/stubs/${id}`), 204);
    const gone = await waitFor(
      'B forgot the stub',
      () => mockGet(b, '/hello'),
      (r) => r.status === 404,
    );
    expect(gone.upstream).toBe(false);
  });

  it('switches the mode on B when it is switched on A', async () => {
    await ok(a.admin.post('/internal/services/pay/stubs', textStub('/hello', 'stubbed')), 201);
    await waitFor(
      'B answers from the stub',
      () => mockGet(b, '/hello'),
      (r) => r.text === 'stubbed',
    );
    await ok(a.admin.patch('/internal/services/pay', { mode: 'proxy' }));
    const forwarded = await waitFor(
      'B forwards',
      () => mockGet(b, '/hello'),
      (r) => r.upstream,
    );
    expect(forwarded.status).toBe(200);
  });

  it('reloads everything after its change feed connection was killed', async () => {
    // Written past the announcing stores: no node is told, so only a resync can bring it to B.
    const now = Date.now();
    const doc = textStub('/late', 'resynced');
    await raw.stubs.create({
      id: randomUUID(),
      service: 'pay',
      doc,
      createdAt: now,
      updatedAt: now,
      createdBy: 'root',
      updatedBy: 'root',
    });
    expect((await mockGet(b, '/late')).status).toBe(404);
    const killer = new pg.Client({ connectionString: db.url });
    await killer.connect();
    try {
      const killed = await killer.query(
        'select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = $1',
        [listenerName('node-b')],
      );
      expect(killed.rows).toEqual([{ done: true }]);
    } finally {
      await killer.end();
    }
    await waitFor(
      'B resynced',
      () => mockGet(b, '/late'),
      (r) => r.text === 'resynced',
    );
    // And it listens again: a change on A still reaches it.
    await ok(a.admin.post('/internal/services/pay/stubs', textStub('/after', 'heard')), 201);
    await waitFor(
      'B hears changes again',
      () => mockGet(b, '/after'),
      (r) => r.text === 'heard',
    );
  });

  describe.skipIf(!rabbitUp)('with RabbitMQ', () => {
    const amqp = amqpClient();
    afterAll(async () => amqp.close());

    async function consumers(queue: string): Promise<number> {
      const ch = await amqp.acquire();
      try {
        return (await ch.queueDeclare({ queue, passive: true })).consumerCount;
      } finally {
        await ch.close();
      }
    }

    it('reads a queue mock created on A on both nodes, each message stored once, until deleted', async () => {
      await ok(
        a.admin.post('/internal/brokers', {
          name: 'local',
          kind: 'rabbitmq',
          url: SERVICES.rabbitmq.url,
          options: FAST_RETRY,
        }),
        201,
      );
      const queue = uniqueQueue('multi');
      const created = await ok(a.admin.post('/internal/queues', { broker: 'local', queue }), 201);
      const id = (created as unknown as { json(): { id: string } }).json().id;
      const statusOn = async (n: Node) => (await n.admin.get(`/internal/queues/${id}`)).json().status.state;
      await waitFor(
        'B reads it too',
        () => statusOn(b),
        (s) => s === 'connected',
      );
      await waitFor(
        'two competing consumers',
        () => consumers(queue),
        (n) => n === 2,
      );

      const pub = amqp.createPublisher({ confirm: true });
      const sent = Array.from({ length: 40 }, (_, i) => `m-${i}`);
      for (const messageId of sent) await pub.send({ routingKey: queue, messageId }, Buffer.from(messageId));
      await pub.close();
      const kept = await waitFor(
        'every message is kept',
        async () => (await a.admin.get(`/internal/queues/${id}/messages?limit=500`)).json().items,
        (items: Array<{ properties: { messageId: string } }>) => items.length >= sent.length,
      );
      const ids = kept.map((m: { properties: { messageId: string } }) => m.properties.messageId);
      expect(ids.sort()).toEqual([...sent].sort());

      await ok(a.admin.delete(`/internal/queues/${id}`), 204);
      await waitFor(
        'nobody reads it any more',
        () => consumers(queue),
        (n) => n === 0,
      );
      expect((await b.admin.get(`/internal/queues/${id}`)).statusCode).toBe(404);
      const ch = await amqp.acquire();
      await ch.queueDelete({ queue });
      await ch.close();
      await ok(a.admin.delete('/internal/brokers/local'), 204);
    });
  });
});
