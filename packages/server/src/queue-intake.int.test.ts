import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Connection } from 'rabbitmq-client';
import { buildApp } from './app.js';
import { AdminClient } from './testing/admin-client.js';
import { testConfig } from './testing/test-config.js';
import { serviceAvailable } from './testing/services.js';
import { tempSqliteUrl } from './testing/temp-sqlite.js';
import { allMessages, amqpClient, startQueueApp, waitFor } from './http/admin/queue-test.fixture.js';

const up = await serviceAvailable('rabbitmq');

async function publishSeqs(amqp: Connection, queue: string, from: number, to: number): Promise<void> {
  const pub = amqp.createPublisher({ confirm: true });
  const sends = [];
  for (let seq = from; seq < to; seq++) sends.push(pub.send({ routingKey: queue, durable: true }, { seq }));
  await Promise.all(sends);
  await pub.close();
}

const seqsOf = (items: Array<Record<string, unknown>>) => items.map((m) => (m.body as { seq: number }).seq);

describe.skipIf(!up)('queue intake keeps every message', () => {
  let amqp: Connection;
  beforeAll(() => {
    amqp = amqpClient();
  });
  afterAll(async () => amqp.close());

  it('rejects a batch the store fails, so the broker redelivers it; stored once the store recovers', async () => {
    const t = await startQueueApp();
    try {
      await t.broker('local');
      const mock = await t.queueMock();
      const append = vi.spyOn(t.app.stores.queueMessages, 'append');
      append.mockRejectedValueOnce(new Error('disk full')).mockRejectedValueOnce(new Error('disk full'));
      await publishSeqs(amqp, mock.queue, 0, 50);
      const items = await waitFor(
        'all 50 kept',
        () => allMessages(t.admin, mock.id),
        (m) => m.length >= 50,
      );
      expect(append.mock.calls.length).toBeGreaterThan(2);
      expect(new Set(seqsOf(items)).size).toBe(50);
      expect(items).toHaveLength(50); // nothing of a failed batch was kept, so no duplicates either
      expect(items.some((m) => m.redelivered)).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('resumes every stored queue mock when the server starts again, with what arrived meanwhile', async () => {
    const db = tempSqliteUrl();
    const first = await startQueueApp({ db: db.url });
    await first.broker('local');
    const mock = await first.queueMock();
    await publishSeqs(amqp, mock.queue, 0, 10);
    await waitFor(
      '10 kept',
      () => allMessages(first.admin, mock.id),
      (m) => m.length === 10,
    );
    const cookie = first.admin.cookie;
    await first.app.close();

    await publishSeqs(amqp, mock.queue, 10, 20); // while no Understudy is running
    const app = await buildApp(testConfig({ db: db.url }));
    try {
      const admin = new AdminClient(app.main);
      admin.cookie = cookie;
      const items = await waitFor(
        '20 kept',
        () => allMessages(admin, mock.id),
        (m) => m.length === 20,
      );
      expect(seqsOf(items).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      // The password was decrypted with the key file generated beside the database on the first start.
      expect((await admin.get('/internal/brokers/local')).json().status.state).toBe('connected');
      expect((await admin.delete(`/internal/queues/${mock.id}?deleteQueue=true`)).statusCode).toBe(204);
    } finally {
      await app.close();
      db.remove();
    }
  });

  it('applies retention by count', async () => {
    const t = await startQueueApp();
    try {
      await t.broker('local');
      const mock = await t.queueMock({ retention: { maxMessages: 3 } });
      await publishSeqs(amqp, mock.queue, 0, 5);
      await waitFor(
        '5 kept',
        () => allMessages(t.admin, mock.id),
        (m) => m.length === 5,
      );
      expect(await t.app.queues.retention.run()).toBe(2);
      expect(seqsOf(await allMessages(t.admin, mock.id)).sort()).toEqual([2, 3, 4]);
    } finally {
      await t.close();
    }
  });

  it('keeps a body over the configured limit cut at the limit and flagged, with its full size', async () => {
    const t = await startQueueApp({ queueBodyLimitBytes: 1024 * 1024 });
    try {
      await t.broker('local');
      const mock = await t.queueMock();
      const pub = amqp.createPublisher({ confirm: true });
      await pub.send({ routingKey: mock.queue }, Buffer.alloc(10 * 1024 * 1024, 'a'));
      await pub.close();
      const [message] = await waitFor(
        'the big one is kept',
        () => allMessages(t.admin, mock.id),
        (m) => m.length === 1,
      );
      expect(message).toMatchObject({ bodyEncoding: 'text', size: 10 * 1024 * 1024, truncated: true });
      expect((message?.body as string).length).toBe(1024 * 1024);
    } finally {
      await t.close();
    }
  });
});
