import { describe, expect, it } from 'vitest';
import { serviceAvailable } from '../../testing/services.js';
import { uniqueQueue, waitFor, queueTestContext } from './queue-test.fixture.js';

const up = await serviceAvailable('rabbitmq');

const TOTAL = [
  'def handler(body, headers):',
  '    print("pricing", body["order"])',
  '    return {"order": body["order"], "total": body["qty"] * 5, "tenant": headers.get("x-tenant")}',
].join('\n');

const WITH_REQUEST = [
  'def handler(body, headers, request):',
  '    return (404, {"key": request["routingKey"], "queue": request["queue"]}, {"x-why": "no stock"})',
].join('\n');

const FAILING = ['def handler(body, headers):', '    return body["missing"]'].join('\n');

// Python auto-replies through the real API, the real sandbox and the real RabbitMQ (issue 6).
describe.skipIf(!up)('queue mocks answer with a Python handler', () => {
  const ctx = queueTestContext();

  async function connected(id: string): Promise<void> {
    await waitFor(
      'the consumer is up',
      async () => (await ctx.t.admin.get(`/internal/queues/${id}`)).json(),
      (m) => m.status.state === 'connected',
    );
  }

  const messagesOf = async (id: string) => (await ctx.t.admin.get(`/internal/queues/${id}/messages`)).json();

  it('answers an RPC call with what the handler computed, on its correlation id, and keeps the output', async () => {
    const mock = await ctx.t.queueMock({ autoReply: { kind: 'python', code: TOTAL } });
    expect(mock.autoReply).toEqual({ kind: 'python', code: TOTAL });
    await connected(mock.id);
    const rpc = ctx.amqp.createRPCClient({ confirm: true, timeout: 15_000 });
    const answer = await rpc.send(
      { routingKey: mock.queue, headers: { 'X-Tenant': 'acme' } },
      { order: 42, qty: 3 },
    );
    await rpc.close();
    expect(answer.body).toEqual({ order: 42, total: 15, tenant: 'acme' });
    expect(answer.contentType).toBe('application/json');

    const page = await waitFor(
      'the reply is kept beside the request',
      () => messagesOf(mock.id),
      (p) => p.items[0]?.reply !== null && p.items[0]?.reply !== undefined,
    );
    // The RPC client picks the correlation id; the answer carries the request's.
    const [request] = page.items;
    expect(request.properties.correlationId).toBeTruthy();
    expect(answer.correlationId).toBe(request.properties.correlationId);
    expect(request.reply).toMatchObject({
      correlationId: request.properties.correlationId,
      body: { order: 42, total: 15, tenant: 'acme' },
      bodyEncoding: 'json',
      error: null,
      handler: { stdout: 'pricing 42\n', traceback: null },
    });
  });

  it('passes the message as `request` and sends a status other than 200 as x-status', async () => {
    const mock = await ctx.t.queueMock({
      autoReply: { kind: 'python', code: WITH_REQUEST, timeoutMs: 5000 },
    });
    await connected(mock.id);
    const rpc = ctx.amqp.createRPCClient({ confirm: true, timeout: 15_000 });
    const answer = await rpc.send(mock.queue, { sku: 'x' });
    await rpc.close();
    expect(answer.body).toEqual({ key: mock.queue, queue: mock.queue });
    expect(answer.headers).toMatchObject({ 'x-status': 404, 'x-why': 'no stock' });
  });

  it('sends nothing when the handler fails, keeps its error and traceback, and goes on storing', async () => {
    const mock = await ctx.t.queueMock({ autoReply: { kind: 'python', code: FAILING } });
    await connected(mock.id);
    // A plain queue as the reply-to address, so "no reply" can be checked rather than waited out.
    const replies = uniqueQueue('replies');
    const ch = await ctx.amqp.acquire();
    await ch.queueDeclare({ queue: replies, exclusive: true });
    const pub = ctx.amqp.createPublisher({ confirm: true });
    await pub.send({ routingKey: mock.queue, replyTo: replies, correlationId: 'c-1' }, { present: 1 });
    await pub.send({ routingKey: mock.queue }, { after: 'failure' });
    await pub.close();

    const page = await waitFor(
      'both are kept and the failure is recorded',
      () => messagesOf(mock.id),
      (p) => p.items.length === 2 && p.items[1]?.reply != null,
    );
    const failed = page.items[1];
    expect(failed.body).toEqual({ present: 1 });
    expect(failed.reply).toMatchObject({ replyTo: replies, correlationId: 'c-1', messageId: null });
    expect(failed.reply.error).toMatch(/^handler exception: .*KeyError.*missing/);
    expect(failed.reply.handler.traceback).toMatch(/KeyError/);
    expect(page.items[0]).toMatchObject({ body: { after: 'failure' }, reply: null });
    const { messageCount } = await ch.queueDeclare({ queue: replies, passive: true });
    expect(messageCount).toBe(0);
    await ch.close();
  });

  it('refuses code that does not compile with 400 HANDLER_INVALID naming the line, on create and patch', async () => {
    const bad = { kind: 'python', code: 'def handler(body, headers)\n    return 1' };
    const created = await ctx.t.admin.post('/internal/queues', {
      broker: 'local',
      queue: uniqueQueue(),
      autoReply: bad,
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.code).toBe('HANDLER_INVALID');
    expect(created.json().error.details[0]).toMatchObject({
      path: '/body/autoReply/code',
      message: expect.stringMatching(/^line 1, column \d+/),
    });

    const mock = await ctx.t.queueMock();
    const wrongArity = { kind: 'python', code: 'def handler(body):\n    return body' };
    const patched = await ctx.t.admin.patch(`/internal/queues/${mock.id}`, { autoReply: wrongArity });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().error.details[0].path).toBe('/body/autoReply/code');
    expect((await ctx.t.admin.get(`/internal/queues/${mock.id}`)).json().autoReply).toBeNull();
  });
});
