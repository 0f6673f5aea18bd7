import { randomBytes, randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
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
import { findStream } from './brokers/nats/nats-topology.js';
import { BridgeAmqp, bridgeOf, createBridge } from './http/admin/bridge-test.fixture.js';

const postgresUp = await serviceAvailable('postgres');
const rabbitUp = postgresUp && (await serviceAvailable('rabbitmq'));
const redisUp = postgresUp && (await serviceAvailable('redis'));
const natsUp = postgresUp && (await serviceAvailable('nats'));
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
  /** Kills a node's change feed connection, so it reconnects and reloads everything. */
  async function killListenerOf(nodeId: string): Promise<void> {
    const killer = new pg.Client({ connectionString: db.url });
    await killer.connect();
    try {
      const killed = await killer.query(
        'select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = $1',
        [listenerName(nodeId)],
      );
      expect(killed.rows).toEqual([{ done: true }]);
    } finally {
      await killer.end();
    }
  }
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
    // B must have applied every change announced for the service before the write below, or
    // reloading the service for one of them would bring the unannounced stub along.
    await ok(a.admin.post('/internal/services/pay/stubs', textStub('/ready', 'ready')), 201);
    await waitFor(
      'B is up to date',
      () => mockGet(b, '/ready'),
      (r) => r.text === 'ready',
    );
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
    await killListenerOf('node-b');
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

  /**
   * A queue mock deleted on A while B reads it: B may set its consumer state up again before it
   * hears of the deletion (Redis re-creates a lost group at once), so B deletes it again once it
   * stops; in the end nothing is left on the broker for it.
   */
  describe('leaves no reader state once a queue mock read on both nodes is deleted', () => {
    async function readOnBoth(broker: string, queue: string): Promise<string> {
      const created = await ok(a.admin.post('/internal/queues', { broker, queue, create: true }), 201);
      const id = (created as unknown as { json(): { id: string } }).json().id;
      for (const n of [a, b]) {
        await waitFor(
          `${broker}: both nodes read it`,
          async () => (await n.admin.get(`/internal/queues/${id}`)).json().status.state,
          (s) => s === 'connected',
        );
      }
      return id;
    }

    async function deleteOnA(id: string): Promise<void> {
      await ok(a.admin.delete(`/internal/queues/${id}`), 204);
      for (const n of [a, b]) {
        await waitFor(
          'no node reads it',
          () => n.app.queues.intake.running().some((m) => m.id === id),
          (reading) => !reading,
        );
      }
    }

    it.skipIf(!redisUp)('Redis: no consumer group', async () => {
      const redis = new Redis(SERVICES.redis.url, { protocol: 2 });
      const key = uniqueQueue('multi-redis');
      const groups = async () =>
        ((await redis.call('XINFO', 'GROUPS', key).catch(() => [])) as unknown[][]).map((r) => String(r[1]));
      try {
        await ok(
          a.admin.post('/internal/brokers', { name: 'redis', kind: 'redis', url: SERVICES.redis.url }),
          201,
        );
        const id = await readOnBoth('redis', key);
        for (let i = 0; i < 20; i++) await redis.xadd(key, '*', 'n', String(i));
        await deleteOnA(id);
        await waitFor('the group is gone', groups, (g) => g.length === 0);
      } finally {
        await redis.del(key);
        await redis.quit();
        await a.admin.delete('/internal/brokers/redis');
      }
    });

    it.skipIf(!natsUp)('NATS: no durable consumer', async () => {
      const nc = await connect({ servers: SERVICES.nats.url });
      const jsm = await jetstreamManager(nc);
      const subject = `understudy.test.multi.${randomBytes(4).toString('hex')}`;
      try {
        await ok(
          a.admin.post('/internal/brokers', { name: 'nats', kind: 'nats', url: SERVICES.nats.url }),
          201,
        );
        const id = await readOnBoth('nats', subject);
        const stream = (await findStream(jsm, subject))!;
        await deleteOnA(id);
        await waitFor(
          'the durable is gone',
          async () => (await jsm.consumers.list(stream).next()).map((c) => c.name),
          (names) => !names.includes(`understudy-${id}`),
        );
      } finally {
        const stream = await findStream(jsm, subject);
        if (stream) await jsm.streams.delete(stream);
        await nc.close();
        await a.admin.delete('/internal/brokers/nats');
      }
    });
  });

  describe.skipIf(!rabbitUp)('with RabbitMQ', () => {
    const amqp = amqpClient();
    let bridgeAmqp: BridgeAmqp;
    beforeAll(async () => {
      bridgeAmqp = new BridgeAmqp();
      await ok(
        a.admin.post('/internal/brokers', {
          name: 'local',
          kind: 'rabbitmq',
          url: SERVICES.rabbitmq.url,
          options: FAST_RETRY,
        }),
        201,
      );
    });
    afterAll(async () => {
      await ok(a.admin.delete('/internal/brokers/local'), 204);
      await bridgeAmqp?.close();
      await amqp.close();
    });

    async function consumers(queue: string): Promise<number> {
      const ch = await amqp.acquire();
      try {
        return (await ch.queueDeclare({ queue, passive: true })).consumerCount;
      } finally {
        await ch.close();
      }
    }

    async function queueExists(queue: string): Promise<boolean> {
      const ch = await amqp.acquire();
      try {
        await ch.queueDeclare({ queue, passive: true });
        return true;
      } catch {
        return false;
      } finally {
        await ch.close().catch(() => {});
      }
    }

    /** A queue mock created on A, once both nodes consume from it. */
    async function readQueueMock(queue: string): Promise<string> {
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
      return id;
    }

    const readOn = (n: Node, id: string) => n.app.queues.intake.running().some((m) => m.id === id);

    it('reads a queue mock created on A on both nodes, each message stored once, until deleted', async () => {
      const queue = uniqueQueue('multi');
      const id = await readQueueMock(queue);

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
    });

    it('does not let B declare again a queue deleted with its queue mock on A', async () => {
      const queue = uniqueQueue('multi-del');
      const id = await readQueueMock(queue);
      await ok(a.admin.delete(`/internal/queues/${id}?deleteQueue=true`), 204);
      // B's consumer was cancelled when the queue went; it must stop, not set the queue up again.
      await waitFor(
        'B stopped reading it',
        () => readOn(b, id),
        (reading) => !reading,
      );
      expect(await queueExists(queue)).toBe(false);
    });

    it('restarts after a resync only the queue mocks that changed meanwhile', async () => {
      const kept = await readQueueMock(uniqueQueue('multi-kept'));
      const since = () => (b.app.queues.intake.status(kept) as { since?: Date }).since;
      const before = since();
      expect(before).toBeInstanceOf(Date);
      // Written past the announcing stores: only the resync can start it on B, which tells it is done.
      const template = (await raw.queueMocks.get(kept))!;
      const late = { ...template, id: randomUUID(), queue: uniqueQueue('multi-late'), updatedAt: Date.now() };
      expect(await raw.queueMocks.create(late)).toMatchObject({ id: late.id });
      await killListenerOf('node-b');
      await waitFor(
        'B resynced its queue mocks',
        () => readOn(b, late.id),
        (reading) => reading,
      );
      expect(since()).toBe(before);
      await ok(a.admin.delete(`/internal/queues/${kept}?deleteQueue=true`), 204);
      await ok(a.admin.delete(`/internal/queues/${late.id}?deleteQueue=true`), 204);
    });

    it('runs a bridge created on A on both nodes, every message reaches OUT, until paused or deleted', async () => {
      const [queueIn, queueOut] = [await bridgeAmqp.queue('in'), await bridgeAmqp.queue('out')];
      const out = bridgeAmqp.collect(queueOut);
      const bridge = await createBridge(a.admin, {
        in: { broker: 'local', queue: queueIn },
        out: { broker: 'local', queue: queueOut },
        mapper: { kind: 'identity' },
      });
      const url = `/internal/bridges/${bridge.id}`;
      const bothRun = async () => {
        await waitFor(
          'B runs it too',
          () => bridgeOf(b.admin, bridge.id),
          (s) => s.status.state === 'running',
        );
        await waitFor(
          'two competing consumers on IN',
          () => consumers(queueIn),
          (n) => n === 2,
        );
      };
      await bothRun();

      const sent = Array.from({ length: 60 }, (_, i) => `b-${i}`);
      for (const [seq, messageId] of sent.entries())
        await bridgeAmqp.publish(queueIn, { seq }, {}, messageId);
      const arrived = await waitFor(
        'every message reached OUT',
        () => new Set(out.messages.map((m) => m.messageId)),
        (ids) => sent.every((messageId) => ids.has(messageId)),
      );
      // At least once: a redelivery may come twice, but nothing is lost and nothing else arrives.
      expect([...arrived].sort()).toEqual([...sent].sort());

      await ok(a.admin.patch(url, { enabled: false }));
      await waitFor(
        'B paused it too',
        () => bridgeOf(b.admin, bridge.id),
        (s) => s.status.state === 'paused',
      );
      await waitFor(
        'nobody reads IN while paused',
        () => consumers(queueIn),
        (n) => n === 0,
      );

      await ok(a.admin.patch(url, { enabled: true }));
      await bothRun();
      await ok(a.admin.delete(url), 204);
      await waitFor(
        'nobody reads IN once deleted',
        () => consumers(queueIn),
        (n) => n === 0,
      );
      expect((await b.admin.get(url)).statusCode).toBe(404);
      expect(b.app.bridges.runners.running().some((r) => r.id === bridge.id)).toBe(false);
      await out.close();
    });
  });
});
