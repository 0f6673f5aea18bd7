import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAvailable } from '../../testing/services.js';
import { BridgeAmqp, bridgeOf, createBridge, received } from './bridge-test.fixture.js';
import { startQueueApp, waitFor, type QueueTestApp } from './queue-test.fixture.js';

const up = await serviceAvailable('rabbitmq');

const RENAME = 'def mapper(body, headers):\n    return {"orderId": body["id"], "qty": body["n"]}\n';
const SHAPES = [
  'def mapper(body, headers):',
  '    if body.get("drop"):',
  '        return None',
  '    if body.get("split"):',
  '        return [{"part": 1}, ({"part": 2}, {"x-part": "2"})]',
  '    return (body, {"x-seen": headers.get("x-tenant", "-")})',
].join('\n');

describe.skipIf(!up)('bridges move messages from IN to OUT', () => {
  let t: QueueTestApp;
  let amqp: BridgeAmqp;
  beforeAll(async () => {
    t = await startQueueApp();
    await t.broker('local');
    amqp = new BridgeAmqp();
  });
  afterAll(async () => {
    await t?.close();
    await amqp?.close();
  });

  async function pair() {
    const [queueIn, queueOut] = [await amqp.queue('in'), await amqp.queue('out')];
    return { queueIn, queueOut, out: amqp.collect(queueOut) };
  }

  it('identity: the IN message as it came, with the IN message id or one derived from it', async () => {
    const { queueIn, queueOut, out } = await pair();
    const bridge = await createBridge(t.admin, {
      in: { broker: 'local', queue: queueIn },
      out: { broker: 'local', queue: queueOut },
      mapper: { kind: 'identity' },
    });
    await amqp.publish(queueIn, { n: 1 }, { 'x-tenant': 'acme' }, 'given-id');
    await amqp.publish(queueIn, { n: 2 });
    const messages = await received(out, 2);
    expect(messages[0]).toEqual({
      body: { n: 1 },
      headers: { 'x-tenant': 'acme' },
      messageId: 'given-id',
      contentType: 'application/json',
    });
    expect(messages[1]?.messageId).toMatch(/^h-[0-9a-f]{32}$/);
    await waitFor(
      'counters',
      () => bridgeOf(t.admin, bridge.id),
      (b) => b.stats.in === 2 && b.stats.out === 2,
    );
    expect((await bridgeOf(t.admin, bridge.id)).status).toMatchObject({
      state: 'running',
      message: 'running',
    });
    await out.close();
  });

  it('template: builds the OUT body from IN body and headers', async () => {
    const { queueIn, queueOut, out } = await pair();
    await createBridge(t.admin, {
      in: { broker: 'local', queue: queueIn },
      out: { broker: 'local', queue: queueOut },
      mapper: {
        kind: 'template',
        template: { orderId: '{{ body.id }}', lines: '{{ body.items }}', note: 'for {{ headers.x-tenant }}' },
        headers: { 'x-order': '{{ body.id }}' },
      },
    });
    await amqp.publish(queueIn, { id: 42, items: [{ sku: 'a' }] }, { 'x-tenant': 'acme' });
    const [message] = await received(out, 1);
    expect(message).toMatchObject({
      body: { orderId: 42, lines: [{ sku: 'a' }], note: 'for acme' },
      headers: { 'x-order': '42' },
    });
    await out.close();
  });

  it('python: renames fields; None drops, a list fans out with :<index> ids, a tuple sets headers', async () => {
    const { queueIn, queueOut, out } = await pair();
    const renamed = await pair();
    await createBridge(t.admin, {
      in: { broker: 'local', queue: renamed.queueIn },
      out: { broker: 'local', queue: renamed.queueOut },
      mapper: { kind: 'python', code: RENAME },
    });
    await amqp.publish(renamed.queueIn, { id: 'o-1', n: 3 });
    expect((await received(renamed.out, 1))[0]?.body).toEqual({ orderId: 'o-1', qty: 3 });

    const bridge = await createBridge(t.admin, {
      in: { broker: 'local', queue: queueIn },
      out: { broker: 'local', queue: queueOut },
      mapper: { kind: 'python', code: SHAPES },
    });
    await amqp.publish(queueIn, { drop: true });
    await amqp.publish(queueIn, { split: true }, {}, 'm-7');
    await amqp.publish(queueIn, { keep: 1 }, { 'x-tenant': 'acme' });
    const messages = await received(out, 3);
    expect(messages.map((m) => [m.body, m.messageId])).toEqual([
      [{ part: 1 }, 'm-7:0'],
      [{ part: 2 }, 'm-7:1'],
      [{ keep: 1 }, expect.stringMatching(/^h-/)],
    ]);
    expect(messages[1]?.headers).toEqual({ 'x-part': '2' });
    expect(messages[2]?.headers).toEqual({ 'x-seen': 'acme' });
    const stats = await waitFor(
      'counted',
      () => bridgeOf(t.admin, bridge.id),
      (b) => b.stats.in === 3,
    );
    expect(stats.stats).toMatchObject({ in: 3, out: 3, dropped: 1, dead: 0, inFlight: 0 });
    const hops = (await t.admin.get(`/internal/bridges/${bridge.id}/hops?limit=5`)).json().items;
    expect(hops.map((h: { outcome: string }) => h.outcome)).toEqual(['published', 'published', 'dropped']);
    expect(hops[1]).toMatchObject({
      input: { body: { split: true } },
      outputs: [{ messageId: 'm-7:0' }, {}],
    });
    await renamed.out.close();
    await out.close();
  });

  it('keeps the order of 500 messages with concurrency 1', async () => {
    const { queueIn, queueOut, out } = await pair();
    await createBridge(t.admin, {
      in: { broker: 'local', queue: queueIn },
      out: { broker: 'local', queue: queueOut },
      mapper: { kind: 'python', code: 'def mapper(body, headers):\n    return {"seq": body["seq"]}' },
    });
    await Promise.all(Array.from({ length: 500 }, (_, seq) => amqp.publish(queueIn, { seq })));
    const messages = await received(out, 500, 60_000);
    const seqs = messages.map((m) => (m.body as { seq: number }).seq);
    // One producer channel puts them into IN in call order; the bridge keeps IN's order.
    expect(seqs).toEqual([...Array(500).keys()]);
    await out.close();
  });

  it('pauses without losing anything and resumes', async () => {
    const { queueIn, queueOut, out } = await pair();
    const bridge = await createBridge(t.admin, {
      in: { broker: 'local', queue: queueIn },
      out: { broker: 'local', queue: queueOut },
      mapper: { kind: 'identity' },
    });
    await waitFor(
      'running',
      () => bridgeOf(t.admin, bridge.id),
      (b) => b.status.state === 'running',
    );
    const paused = await t.admin.patch(`/internal/bridges/${bridge.id}`, { enabled: false });
    expect(paused.json()).toMatchObject({ enabled: false, status: { state: 'paused' } });
    for (let i = 0; i < 20; i++) await amqp.publish(queueIn, { i });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(out.messages).toHaveLength(0);
    await t.admin.patch(`/internal/bridges/${bridge.id}`, { enabled: true });
    expect((await received(out, 20)).map((m) => (m.body as { i: number }).i)).toEqual([...Array(20).keys()]);
    await out.close();
  });
  it('goes on after its broker is changed and reconnected', async () => {
    const { queueIn, queueOut, out } = await pair();
    const bridge = await createBridge(t.admin, {
      in: { broker: 'local', queue: queueIn },
      out: { broker: 'local', queue: queueOut },
      mapper: { kind: 'identity' },
    });
    await amqp.publish(queueIn, { before: true });
    await received(out, 1);
    const changed = await t.admin.patch('/internal/brokers/local', { options: { heartbeatSeconds: 20 } });
    expect(changed.statusCode).toBe(200);
    await amqp.publish(queueIn, { after: true });
    expect((await received(out, 2))[1]?.body).toEqual({ after: true });
    await waitFor(
      'running',
      () => bridgeOf(t.admin, bridge.id),
      (b) => b.status.state === 'running',
    );
    await out.close();
  });
});
