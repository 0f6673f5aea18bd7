import { describe, expect, it } from 'vitest';
import { AdminClient } from '../../testing/admin-client.js';
import { serviceAvailable } from '../../testing/services.js';
import { uniqueQueue, waitFor, queueTestContext } from './queue-test.fixture.js';

const up = await serviceAvailable('rabbitmq');

describe.skipIf(!up)('queue mocks API', () => {
  const ctx = queueTestContext();

  const messagesOf = async (id: string, query = '') =>
    (await ctx.t.admin.get(`/internal/queues/${id}/messages${query}`)).json();

  it('creates a queue mock that declares the queue and reads it at once', async () => {
    const mock = await ctx.t.queueMock({ retention: { maxMessages: 50 } });
    expect(mock).toMatchObject({
      broker: 'local',
      brokerKind: 'rabbitmq',
      create: true,
      retention: { maxMessages: 50, maxAgeHours: 168 },
      autoReply: null,
      owner: { username: 'root' },
    });
    // Passive: fails if the queue does not exist.
    const ch = await ctx.amqp.acquire();
    await expect(ch.queueDeclare({ queue: mock.queue, passive: true })).resolves.toMatchObject({
      queue: mock.queue,
    });
    await ch.close();
    await waitFor(
      'the consumer is up',
      async () => (await ctx.t.admin.get(`/internal/queues/${mock.id}`)).json(),
      (m) => m.status.state === 'connected',
    );
    expect(
      (await ctx.t.admin.get('/internal/queues')).json().items.map((m: { id: string }) => m.id),
    ).toContain(mock.id);
  });

  it('answers with the broker reason when it refuses the queue, and keeps nothing', async () => {
    const reserved = await ctx.t.admin.post('/internal/queues', {
      broker: 'local',
      queue: 'amq.not-allowed',
    });
    expect(reserved.statusCode).toBe(403);
    expect(reserved.json().error).toMatchObject({ code: 'BROKER_REJECTED' });
    expect(reserved.json().error.message).toMatch(/amq\./);
    const missing = await ctx.t.admin.post('/internal/queues', {
      broker: 'local',
      queue: uniqueQueue(),
      create: false,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/NOT_FOUND|no queue/i);
    expect((await ctx.t.admin.get('/internal/queues')).json().items).toEqual([]);
  });

  it('refuses bad input with pointers, a second mock of one queue, and unknown brokers', async () => {
    const bad: Array<[unknown, string]> = [
      [{ broker: 'local', queue: '' }, '/body/queue'],
      [{ broker: 'local', queue: 'q', retention: { maxMessages: 0 } }, '/body/retention/maxMessages'],
      [
        { broker: 'local', queue: 'q', options: { queueType: 'quorum', durable: false } },
        '/body/options/durable',
      ],
      [
        { broker: 'local', queue: 'q', autoReply: { kind: 'static', body: 5, bodyEncoding: 'text' } },
        '/body/autoReply/body',
      ],
      [
        { broker: 'local', queue: 'q', options: { bindings: [{ exchange: '', routingKey: 'x' }] } },
        '/body/options/bindings/0/exchange',
      ],
    ];
    for (const [body, pointer] of bad) {
      const res = await ctx.t.admin.post('/internal/queues', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(pointer);
    }
    const mock = await ctx.t.queueMock();
    const again = await ctx.t.admin.post('/internal/queues', { broker: 'local', queue: mock.queue });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('QUEUE_MOCK_EXISTS');
    const unknown = await ctx.t.admin.post('/internal/queues', { broker: 'nope', queue: 'q' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.details).toEqual([
      { path: '/body/broker', message: 'is not a registered broker' },
    ]);
  });

  it('lets others read but not change or delete a queue mock; 404 for unknown ids', async () => {
    const mock = await ctx.t.queueMock();
    const bob = new AdminClient(ctx.t.app.main);
    await bob.register('bob');
    expect((await bob.get(`/internal/queues/${mock.id}`)).statusCode).toBe(200);
    expect((await bob.get(`/internal/queues/${mock.id}/messages`)).statusCode).toBe(200);
    expect((await bob.patch(`/internal/queues/${mock.id}`, { autoReply: null })).statusCode).toBe(403);
    expect((await bob.delete(`/internal/queues/${mock.id}`)).statusCode).toBe(403);
    expect((await bob.delete(`/internal/queues/${mock.id}/messages`)).statusCode).toBe(403);
    for (const path of ['', '/messages', '/stats', '/stream']) {
      expect(
        (await ctx.t.admin.get(`/internal/queues/00000000-0000-0000-0000-000000000000${path}`)).statusCode,
      ).toBe(404);
    }
  });

  it('keeps every message another AMQP client publishes, with body, headers, properties and routing', async () => {
    const mock = await ctx.t.queueMock();
    const pub = ctx.amqp.createPublisher({ confirm: true });
    await pub.send(
      {
        routingKey: mock.queue,
        headers: { 'x-tenant': 'acme', 'x-n': 7 },
        messageId: 'm-1',
        correlationId: 'c-1',
        durable: true,
      },
      Buffer.from('{"order":1,"customer":"ACME-42"}'),
    );
    await pub.send({ routingKey: mock.queue }, Buffer.from('plain text for acme-42'));
    await pub.send({ routingKey: mock.queue }, Buffer.from([0xff, 0x00, 0x01]));
    const page = await waitFor(
      'three messages are kept',
      () => messagesOf(mock.id),
      (p) => p.items.length === 3,
    );
    const [binary, text, json] = page.items;
    expect(json).toMatchObject({
      body: { order: 1, customer: 'ACME-42' },
      bodyEncoding: 'json',
      headers: { 'x-tenant': 'acme', 'x-n': 7 },
      properties: { messageId: 'm-1', correlationId: 'c-1', persistent: true },
      routingKey: mock.queue,
      exchange: '',
      redelivered: false,
      brokerMessageId: 'm-1',
      reply: null,
    });
    expect(text).toMatchObject({
      body: 'plain text for acme-42',
      bodyEncoding: 'text',
      brokerMessageId: null,
    });
    expect(binary).toMatchObject({ body: '/wAB', bodyEncoding: 'base64', size: 3 });
    expect(Date.parse(json.receivedAt)).toBeGreaterThan(Date.now() - 60_000);
    await pub.close();
  });

  it('filters by body text, header and time, and pages newest first', async () => {
    const mock = await ctx.t.queueMock();
    const pub = ctx.amqp.createPublisher({ confirm: true });
    for (let i = 0; i < 5; i++) {
      await pub.send(
        { routingKey: mock.queue, headers: { 'x-i': i, 'x-kind': i % 2 ? 'odd' : 'even' } },
        Buffer.from(`{"i":${i}}`),
      );
    }
    await waitFor(
      'five kept',
      () => messagesOf(mock.id),
      (p) => p.items.length === 5,
    );
    const firstPage = await messagesOf(mock.id, '?limit=2');
    expect(firstPage.items.map((m: { body: { i: number } }) => m.body.i)).toEqual([4, 3]);
    const second = await messagesOf(mock.id, `?limit=2&cursor=${firstPage.next}`);
    expect(second.items.map((m: { body: { i: number } }) => m.body.i)).toEqual([2, 1]);
    expect((await messagesOf(mock.id, '?q=%22i%22%3A3')).items).toHaveLength(1);
    expect((await messagesOf(mock.id, '?header=x-kind:odd')).items).toHaveLength(2);
    expect((await messagesOf(mock.id, '?header=x-kind:odd&header=x-i:3')).items).toHaveLength(1);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await messagesOf(mock.id, `?since=${future}`)).items).toHaveLength(0);
    const bad = await ctx.t.admin.get(`/internal/queues/${mock.id}/messages?limit=0`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('/querystring/limit');
    const stats = (await ctx.t.admin.get(`/internal/queues/${mock.id}/stats`)).json();
    expect(stats.total).toBe(5);
    expect(stats.perMinute).toHaveLength(60);
    expect(stats.perMinute.reduce((n: number, m: { count: number }) => n + m.count, 0)).toBe(5);
    await pub.close();
  });

  it('keeps a redelivered message id once', async () => {
    const mock = await ctx.t.queueMock();
    const pub = ctx.amqp.createPublisher({ confirm: true });
    await pub.send({ routingKey: mock.queue, messageId: 'same' }, Buffer.from('1'));
    await pub.send({ routingKey: mock.queue, messageId: 'same' }, Buffer.from('1'));
    await pub.send({ routingKey: mock.queue, messageId: 'other' }, Buffer.from('2'));
    await waitFor(
      'the other is kept',
      () => messagesOf(mock.id),
      (p) => p.items.some((m: { brokerMessageId: string }) => m.brokerMessageId === 'other'),
    );
    expect((await messagesOf(mock.id)).items).toHaveLength(2);
    await pub.close();
  });

  it('taps an exchange through bindings', async () => {
    const mock = await ctx.t.queueMock({
      options: { bindings: [{ exchange: 'amq.topic', routingKey: `${uniqueQueue()}.#` }] },
    });
    const key = mock.options as { bindings: Array<{ routingKey: string }> };
    const routingKey = key.bindings[0]!.routingKey.replace('#', 'created');
    const pub = ctx.amqp.createPublisher({ confirm: true });
    await pub.send({ exchange: 'amq.topic', routingKey }, Buffer.from('{"tapped":true}'));
    const page = await waitFor(
      'the tapped message is kept',
      () => messagesOf(mock.id),
      (p) => p.items.length === 1,
    );
    expect(page.items[0]).toMatchObject({ body: { tapped: true }, routingKey, exchange: 'amq.topic' });
    await pub.close();
  });
});
