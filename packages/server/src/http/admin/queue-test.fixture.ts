import { randomBytes } from 'node:crypto';
import { Connection } from 'rabbitmq-client';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { buildApp, type App } from '../../app.js';
import type { Config } from '../../config/config.js';
import { AdminClient } from '../../testing/admin-client.js';
import { SERVICES } from '../../testing/services.js';
import { testConfig } from '../../testing/test-config.js';

export { waitFor } from '../../testing/wait-for.js';

/** Every queue of one test run shares this prefix, so parallel runs on the shared broker never collide. */
const RUN = `understudy-test-${randomBytes(4).toString('hex')}`;
let counter = 0;

export function uniqueQueue(label = 'q'): string {
  return `${RUN}-${label}${(counter += 1)}`;
}

/** Short reconnect delays: tests should not wait 30 s for a broker to come back. */
export const FAST_RETRY = { retryLowMs: 100, retryHighMs: 1000 };

export interface QueueTestApp {
  app: App;
  admin: AdminClient;
  /** Registers the local RabbitMQ as `name` (credentials in the URL) and returns the answer. */
  broker(name?: string): Promise<Record<string, unknown>>;
  /** Creates a queue mock on a fresh queue (deleted on the broker by `close`). */
  queueMock(body?: Record<string, unknown>): Promise<{ id: string; queue: string } & Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startQueueApp(overrides: Partial<Config> = {}): Promise<QueueTestApp> {
  const app = await buildApp(testConfig(overrides));
  const admin = new AdminClient(app.main);
  await admin.register('root').catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  const created: string[] = [];
  return {
    app,
    admin,
    async broker(name = 'local') {
      const res = await admin.post('/internal/brokers', {
        name,
        kind: 'rabbitmq',
        url: SERVICES.rabbitmq.url,
        options: FAST_RETRY,
      });
      if (res.statusCode !== 201) throw new Error(`broker: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    async queueMock(body = {}) {
      const res = await admin.post('/internal/queues', { broker: 'local', queue: uniqueQueue(), ...body });
      if (res.statusCode !== 201) throw new Error(`queue mock: ${res.statusCode} ${res.body}`);
      const mock = res.json();
      created.push(mock.id);
      return mock;
    },
    async close() {
      for (const id of created) await admin.delete(`/internal/queues/${id}?deleteQueue=true`);
      await app.close();
    },
  };
}

/** A plain rabbitmq-client connection: the "any AMQP client" publishing to or consuming from a queue mock. */
export function amqpClient(): Connection {
  const conn = new Connection({ url: SERVICES.rabbitmq.url, connectionName: `${RUN}-client` });
  conn.on('error', () => {});
  return conn;
}

/**
 * The hooks every queue API test file shares: one plain AMQP client for the file, and a fresh app
 * with the local RabbitMQ registered as `local` for each test. Read `t` and `amqp` inside tests.
 */
export function queueTestContext(): { readonly t: QueueTestApp; readonly amqp: Connection } {
  const ctx = {} as { t: QueueTestApp; amqp: Connection };
  beforeAll(() => {
    ctx.amqp = amqpClient();
  });
  afterAll(async () => ctx.amqp.close());
  beforeEach(async () => {
    ctx.t = await startQueueApp();
    await ctx.t.broker('local');
  });
  afterEach(async () => ctx.t.close());
  return ctx;
}

/** Every kept message of a queue mock, oldest first, following the pages. */
export async function allMessages(admin: AdminClient, id: string): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${cursor}`;
    const page = (await admin.get(`/internal/queues/${id}/messages?limit=500${query}`)).json();
    items.push(...page.items);
    cursor = page.next;
  } while (cursor !== null);
  return items.reverse();
}
