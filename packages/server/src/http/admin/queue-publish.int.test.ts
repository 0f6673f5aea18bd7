import { describe, expect, it } from 'vitest';
import { serviceAvailable } from '../../testing/services.js';
import { uniqueQueue, waitFor, queueTestContext } from './queue-test.fixture.js';

const up = await serviceAvailable('rabbitmq');

describe.skipIf(!up)('queue mocks: publishing and deleting', () => {
  const ctx = queueTestContext();

  it('publishes through the API, answering once confirmed; a separate consumer receives it', async () => {
    const mock = await ctx.t.queueMock();
    const received: Array<{ body: unknown; headers: unknown; messageId: unknown; contentType: unknown }> = [];
    // A higher consumer priority gets every message while it has room, so the queue mock does not compete.
    const consumer = ctx.amqp.createConsumer(
      {
        queue: mock.queue,
        queueOptions: { passive: true },
        arguments: { 'x-priority': 10 },
        qos: { prefetchCount: 10 },
      },
      async (msg) =>
        void received.push({
          body: msg.body,
          headers: msg.headers,
          messageId: msg.messageId,
          contentType: msg.contentType,
        }),
    );
    consumer.on('error', () => {});
    await new Promise((resolve) => consumer.once('ready', resolve));
    const res = await ctx.t.admin.post(`/internal/queues/${mock.id}/publish`, {
      body: { hello: 'world' },
      headers: { 'x-from': 'api' },
      properties: { correlationId: 'c-9' },
    });
    expect(res.statusCode).toBe(201);
    const { messageId } = res.json();
    expect(messageId).toMatch(/[0-9a-f-]{36}/);
    await waitFor(
      'the consumer got it',
      () => received,
      (r) => r.length === 1,
    );
    expect(received[0]).toEqual({
      body: { hello: 'world' },
      headers: { 'x-from': 'api' },
      messageId,
      contentType: 'application/json',
    });
    const text = await ctx.t.admin.post(`/internal/queues/${mock.id}/publish`, {
      body: 'hi',
      properties: { messageId: 'mine' },
    });
    expect(text.json()).toEqual({ messageId: 'mine' });
    await waitFor(
      'the text arrived',
      () => received,
      (r) => r.length === 2,
    );
    expect(received[1]).toMatchObject({ body: 'hi', contentType: 'text/plain' });
    await consumer.close();
  });

  it('refuses a publish that cannot be delivered with a clear 4xx', async () => {
    // A mock on a queue it may only use, not create: once the queue is deleted, its reader cannot
    // bring it back (with `create` it would, racing the publish below).
    const queue = uniqueQueue();
    const setup = await ctx.amqp.acquire();
    await setup.queueDeclare({ queue, durable: true });
    await setup.close();
    const mock = await ctx.t.queueMock({ queue, create: false });
    const bad = await ctx.t.admin.post(`/internal/queues/${mock.id}/publish`, {
      body: 'x',
      bodyEncoding: 'base64',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('/body/body');
    const ch = await ctx.amqp.acquire();
    await ch.queueDelete({ queue: mock.queue });
    await ch.close();
    const gone = await ctx.t.admin.post(`/internal/queues/${mock.id}/publish`, { body: { a: 1 } });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error).toMatchObject({ code: 'BROKER_REJECTED' });
  });

  it('deletes a queue mock; the queue stays on the broker unless asked', async () => {
    const kept = await ctx.t.queueMock();
    expect((await ctx.t.admin.delete(`/internal/queues/${kept.id}`)).statusCode).toBe(204);
    const ch = await ctx.amqp.acquire();
    await expect(ch.queueDeclare({ queue: kept.queue, passive: true })).resolves.toBeTruthy();
    await ch.queueDelete({ queue: kept.queue });
    await ch.close();
    const gone = await ctx.t.queueMock();
    expect((await ctx.t.admin.delete(`/internal/queues/${gone.id}?deleteQueue=true`)).statusCode).toBe(204);
    const check = await ctx.amqp.acquire();
    await expect(check.queueDeclare({ queue: gone.queue, passive: true })).rejects.toThrow(
      /NOT_FOUND|no queue/,
    );
    expect((await ctx.t.admin.get(`/internal/queues/${gone.id}`)).statusCode).toBe(404);
  });
});
