import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { serviceAvailable } from '../../testing/services.js';
import { waitFor, queueTestContext } from './queue-test.fixture.js';

const up = await serviceAvailable('rabbitmq');

/** The prefetch of the consumer on `queue`, as the broker sees it (read-only rabbitmqctl). */
async function prefetchOf(queue: string): Promise<number | undefined> {
  const { stdout } = await promisify(execFile)('rabbitmqctl', [
    'list_consumers',
    'queue_name',
    'prefetch_count',
    '--quiet',
    '--no-table-headers',
  ]);
  const line = stdout.split('\n').find((l) => l.split('\t')[0] === queue);
  return line === undefined ? undefined : Number(line.split('\t')[1]);
}

interface SseEvent {
  event: string;
  id?: string;
  data: unknown;
}

/** Reads a Server-Sent Events stream over a real socket, collecting events until `stop`. */
async function openStream(
  url: string,
  cookie: string,
  lastEventId?: string,
): Promise<{ events: SseEvent[]; stop: () => void }> {
  const controller = new AbortController();
  const headers: Record<string, string> = { cookie };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const res = await fetch(url, { headers, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  const events: SseEvent[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((l) => !l.startsWith(':'))
            .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
        );
        if (fields.event)
          events.push({ event: fields.event, id: fields.id, data: JSON.parse(fields.data ?? 'null') });
      }
    }
  })();
  return { events, stop: () => controller.abort() };
}

describe.skipIf(!up)('queue mocks, live', () => {
  const ctx = queueTestContext();

  it('streams each kept message as an SSE "message" event', async () => {
    const mock = await ctx.t.queueMock();
    const { mainUrl } = await ctx.t.app.listen();
    const stream = await openStream(`${mainUrl}/internal/queues/${mock.id}/stream`, ctx.t.admin.cookie!);
    const pub = ctx.amqp.createPublisher({ confirm: true });
    await pub.send({ routingKey: mock.queue, headers: { 'x-live': 'yes' } }, Buffer.from('{"live":1}'));
    await pub.send({ routingKey: mock.queue }, Buffer.from('{"live":2}'));
    await waitFor(
      'two events',
      () => stream.events,
      (e) => e.length === 2,
    );
    expect(stream.events[0]).toMatchObject({
      event: 'message',
      data: { body: { live: 1 }, bodyEncoding: 'json', headers: { 'x-live': 'yes' }, routingKey: mock.queue },
    });
    expect(stream.events[0]?.id).toBe((stream.events[0]?.data as { id: string }).id);
    stream.stop();
    await pub.close();
  });

  it('resumes after Last-Event-ID: messages stored meanwhile come first, in order, then live ones, none twice', async () => {
    const mock = await ctx.t.queueMock();
    const { mainUrl } = await ctx.t.app.listen();
    const url = `${mainUrl}/internal/queues/${mock.id}/stream`;
    const pub = ctx.amqp.createPublisher({ confirm: true });
    const first = await openStream(url, ctx.t.admin.cookie!);
    await pub.send({ routingKey: mock.queue }, Buffer.from('{"n":1}'));
    await waitFor(
      'the first event',
      () => first.events,
      (e) => e.length === 1,
    );
    first.stop();
    const lastId = first.events[0]!.id!;

    for (const n of [2, 3]) await pub.send({ routingKey: mock.queue }, Buffer.from(`{"n":${n}}`));
    await waitFor(
      'both are kept while nobody listens',
      async () => (await ctx.t.admin.get(`/internal/queues/${mock.id}/messages`)).json().items.length,
      (n) => n === 3,
    );
    const resumed = await openStream(url, ctx.t.admin.cookie!, lastId);
    await pub.send({ routingKey: mock.queue }, Buffer.from('{"n":4}'));
    await waitFor(
      'missed and live events',
      () => resumed.events,
      (e) => e.length >= 3,
    );
    await new Promise((r) => setTimeout(r, 300)); // anything sent twice would show up by now
    expect(resumed.events.map((e) => (e.data as { body: unknown }).body)).toEqual([
      { n: 2 },
      { n: 3 },
      { n: 4 },
    ]);
    expect(resumed.events.every((e) => e.event === 'message' && Number(e.id) > Number(lastId))).toBe(true);
    resumed.stop();
    await pub.close();
  });

  it('answers RPC calls with the auto-reply, keeps the reply beside the request, and streams it', async () => {
    const mock = await ctx.t.queueMock({
      autoReply: { kind: 'static', body: { status: 'accepted' }, headers: { 'x-mocked-by': 'understudy' } },
    });
    await waitFor(
      'the consumer is up',
      async () => (await ctx.t.admin.get(`/internal/queues/${mock.id}`)).json(),
      (m) => m.status.state === 'connected',
    );
    const { mainUrl } = await ctx.t.app.listen();
    const stream = await openStream(`${mainUrl}/internal/queues/${mock.id}/stream`, ctx.t.admin.cookie!);
    const rpc = ctx.amqp.createRPCClient({ confirm: true, timeout: 10_000 });
    const answers = await Promise.all([1, 2, 3].map((n) => rpc.send(mock.queue, { order: n })));
    for (const answer of answers) {
      expect(answer.body).toEqual({ status: 'accepted' });
      expect(answer.headers).toMatchObject({ 'x-mocked-by': 'understudy' });
      expect(answer.correlationId).toBeTruthy();
    }
    await rpc.close();
    const page = await waitFor(
      'replies are recorded',
      async () => (await ctx.t.admin.get(`/internal/queues/${mock.id}/messages`)).json(),
      (p) => p.items.length === 3 && p.items.every((m: { reply: unknown }) => m.reply !== null),
    );
    const [latest] = page.items;
    expect(latest.reply).toMatchObject({
      replyTo: latest.properties.replyTo,
      correlationId: latest.properties.correlationId,
      body: { status: 'accepted' },
      bodyEncoding: 'json',
      error: null,
    });
    await waitFor(
      'reply events',
      () => stream.events.filter((e) => e.event === 'reply'),
      (e) => e.length === 3,
    );
    stream.stop();
    // Turning it off: messages are still kept, no more replies.
    expect(
      (await ctx.t.admin.patch(`/internal/queues/${mock.id}`, { autoReply: null })).json().autoReply,
    ).toBeNull();
  });

  it('resumes every queue mock on a broker after its connection settings change', async () => {
    const mock = await ctx.t.queueMock();
    const res = await ctx.t.admin.patch('/internal/brokers/local', {
      options: { prefetch: 50, heartbeatSeconds: 10 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: { state: 'connected' },
      options: { prefetch: 50, heartbeatSeconds: 10 },
    });
    // The broker's prefetch is the default of its queue mocks: the resumed consumer has it.
    await waitFor(
      'the resumed consumer has prefetch 50',
      () => prefetchOf(mock.queue),
      (p) => p === 50,
    );
    const pub = ctx.amqp.createPublisher({ confirm: true });
    await pub.send({ routingKey: mock.queue }, Buffer.from('{"after":"patch"}'));
    await waitFor(
      'the message is kept',
      async () => (await ctx.t.admin.get(`/internal/queues/${mock.id}/messages`)).json(),
      (p) => p.items.length === 1,
    );
    await pub.close();
  });
});
