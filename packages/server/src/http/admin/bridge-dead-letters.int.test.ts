import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAvailable } from '../../testing/services.js';
import { BridgeAmqp, bridgeOf, createBridge, received } from './bridge-test.fixture.js';
import { startQueueApp, waitFor, type QueueTestApp } from './queue-test.fixture.js';

const up = await serviceAvailable('rabbitmq');

const PICKY = [
  'def mapper(body, headers):',
  '    if body.get("bad"):',
  '        raise ValueError("bad order " + str(body["id"]))',
  '    return {"orderId": body["id"]}',
].join('\n');
const FIXED = 'def mapper(body, headers):\n    return {"orderId": body["id"], "fixed": True}';

describe.skipIf(!up)('bridge dead letters', () => {
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

  it('keeps what the mapper fails on after the retries, goes on, and replays it once edited or fixed', async () => {
    const [queueIn, queueOut] = [await amqp.queue('in'), await amqp.queue('out')];
    const out = amqp.collect(queueOut);
    const bridge = await createBridge(t.admin, {
      in: { broker: 'local', queue: queueIn },
      out: { broker: 'local', queue: queueOut },
      mapper: { kind: 'python', code: PICKY },
      retry: { attempts: 2, backoffMs: 10 },
    });
    const url = `/internal/bridges/${bridge.id}`;
    for (const [id, bad] of [
      [1, false],
      [2, true],
      [3, false],
      [4, true],
      [5, true],
    ] as const) {
      await amqp.publish(queueIn, { id, bad }, { 'x-n': String(id) });
    }
    expect((await received(out, 2)).map((m) => m.body)).toEqual([{ orderId: 1 }, { orderId: 3 }]);
    const counted = await waitFor(
      'counted',
      () => bridgeOf(t.admin, bridge.id),
      (b) => b.stats.in === 5,
    );
    expect(counted.stats).toMatchObject({ in: 5, out: 2, dead: 3, deadLetters: 3 });

    const page = (await t.admin.get(`${url}/dead-letters?limit=2`)).json();
    expect(page.items).toHaveLength(2);
    expect(page.next).not.toBeNull();
    const newest = page.items[0];
    expect(newest).toMatchObject({
      body: { id: 5, bad: true },
      bodyEncoding: 'json',
      headers: { 'x-n': '5' },
      attempts: 2,
      routingKey: queueIn,
      error: { kind: 'exception', message: expect.stringContaining('bad order 5') },
      editedAt: null,
    });
    expect(newest.error.traceback).toContain('line 3, in mapper');
    const rest = (await t.admin.get(`${url}/dead-letters?limit=2&cursor=${page.next}`)).json();
    expect(rest).toMatchObject({ items: [{ body: { id: 2 } }], next: null });

    // Edit one so the current mapper accepts it, replay it: published with the IN-derived id, removed.
    const edited = await t.admin.patch(`${url}/dead-letters/${newest.id}`, { body: { id: 5, bad: false } });
    expect(edited.json()).toMatchObject({ body: { id: 5, bad: false }, editedAt: expect.any(String) });
    const replay = await t.admin.post(`${url}/dead-letters/${newest.id}/replay`);
    expect(replay.json()).toEqual({ ok: true, published: 1 });
    const [, , fifth] = await received(out, 3);
    expect(fifth).toMatchObject({ body: { orderId: 5 }, messageId: newest.messageId });
    expect((await t.admin.get(`${url}/dead-letters/${newest.id}`)).statusCode).toBe(404);

    // Still broken for the others: a replay keeps them, with one more attempt.
    const again = (await t.admin.post(`${url}/dead-letters/${page.items[1].id}/replay`)).json();
    expect(again).toMatchObject({ ok: false, published: 0, error: { kind: 'exception' } });
    expect((await t.admin.get(`${url}/dead-letters/${page.items[1].id}`)).json().attempts).toBe(3);

    // Fix the mapper, replay all (oldest first), then nothing is left.
    expect((await t.admin.patch(url, { mapper: { kind: 'python', code: FIXED } })).statusCode).toBe(200);
    const all = (await t.admin.post(`${url}/dead-letters/replay`)).json();
    expect(all).toEqual({ replayed: 2, failed: 0, remaining: 0 });
    const five = await received(out, 5);
    expect(five.slice(3).map((m) => m.body)).toEqual([
      { orderId: 2, fixed: true },
      { orderId: 4, fixed: true },
    ]);
    await out.close();
  });

  it('discards a dead letter; a timeout is a dead letter too and the bridge goes on', async () => {
    const [queueIn, queueOut] = [await amqp.queue('in'), await amqp.queue('out')];
    const out = amqp.collect(queueOut);
    const code =
      'import time\ndef mapper(body, headers):\n    if body["slow"]:\n        time.sleep(60)\n    return body';
    const bridge = await createBridge(t.admin, {
      in: { broker: 'local', queue: queueIn },
      out: { broker: 'local', queue: queueOut },
      mapper: { kind: 'python', code, timeoutMs: 300 },
      retry: { attempts: 1, backoffMs: 0 },
    });
    await amqp.publish(queueIn, { slow: true });
    await amqp.publish(queueIn, { slow: false });
    expect((await received(out, 1))[0]?.body).toEqual({ slow: false });
    const url = `/internal/bridges/${bridge.id}/dead-letters`;
    const [letter] = (await t.admin.get(url)).json().items;
    expect(letter).toMatchObject({ body: { slow: true }, attempts: 1, error: { kind: 'timeout' } });
    expect((await t.admin.delete(`${url}/${letter.id}`)).statusCode).toBe(204);
    expect((await t.admin.get(url)).json().items).toEqual([]);
    expect((await t.admin.delete(`${url}/${letter.id}`)).statusCode).toBe(404);
    await out.close();
  });
});
