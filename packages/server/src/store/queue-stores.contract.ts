import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrokerRecord, QueueMockRecord } from '../core/ports/index.js';
import { queueMessage as message } from './queue-message.fixture.js';
import type { Stores } from './stores.js';

function broker(name: string): BrokerRecord {
  return {
    name,
    kind: 'rabbitmq',
    url: 'amqp://127.0.0.1:5672',
    username: 'guest',
    passwordSealed: 'v1.sealed',
    options: { prefetch: 100 },
    ownerId: 'owner-1',
    createdAt: 1,
    updatedAt: 1,
  };
}

function queueMock(brokerName: string, queue: string): QueueMockRecord {
  return {
    id: randomUUID(),
    broker: brokerName,
    queue,
    create: true,
    options: { durable: true, bindings: [{ exchange: 'amq.topic', routingKey: 'orders.#' }] },
    retention: { maxMessages: 100, maxAgeHours: 24 },
    autoReply: { kind: 'static', body: { ok: true }, headers: { 'x-a': 1 } },
    ownerId: 'owner-1',
    createdAt: 1,
    updatedAt: 1,
  };
}

/** Brokers, queue mocks and their messages behave the same on every backend (STYLE rule 6). */
export function describeQueueStoresContract(backend: string, open: () => Promise<Stores>) {
  describe(`queue stores on ${backend}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await open();
    });
    afterAll(async () => stores?.close());

    it('creates, reads, updates and lists brokers, refusing a taken name', async () => {
      const created = broker('local');
      expect(await stores.brokers.create(created)).toEqual(created);
      expect(await stores.brokers.create(broker('local'))).toBe('taken');
      expect(await stores.brokers.get('local')).toEqual(created);
      const changed = { ...created, url: 'amqp://other', passwordSealed: null, updatedAt: 9 };
      expect(await stores.brokers.update(changed)).toEqual(changed);
      expect(await stores.brokers.get('local')).toEqual(changed);
      expect((await stores.brokers.list()).map((b) => b.name)).toContain('local');
      expect(await stores.brokers.update(broker('nowhere'))).toBeUndefined();
    });

    it('keeps queue mocks, one per broker queue, and refuses to delete a broker still in use', async () => {
      await stores.brokers.create(broker('used'));
      const mock = queueMock('used', 'orders');
      expect(await stores.queueMocks.create(mock)).toEqual(mock);
      expect(await stores.queueMocks.create(queueMock('used', 'orders'))).toBe('taken');
      expect(await stores.queueMocks.create(queueMock('no-such-broker', 'orders'))).toBe('no-broker');
      expect(await stores.queueMocks.get(mock.id)).toEqual(mock);
      expect((await stores.queueMocks.listByBroker('used')).map((m) => m.id)).toEqual([mock.id]);
      expect(await stores.brokers.delete('used')).toBe('in-use');
      const python = {
        ...mock,
        autoReply: { kind: 'python' as const, code: 'def handler(b, h):\n  return b' },
      };
      expect(await stores.queueMocks.update(python)).toEqual(python);
      const patched = {
        ...mock,
        autoReply: null,
        retention: { maxMessages: 5, maxAgeHours: 1 },
        updatedAt: 3,
      };
      expect(await stores.queueMocks.update(patched)).toEqual(patched);
      expect(await stores.queueMocks.delete(mock.id)).toBe(true);
      expect(await stores.queueMocks.get(mock.id)).toBeUndefined();
      expect(await stores.brokers.delete('used')).toBe(true);
      expect(await stores.brokers.delete('used')).toBe(false);
    });

    it('deletes a queue mock with its messages, or keeps them for the same id when asked', async () => {
      await stores.brokers.create(broker('keeps'));
      const mock = queueMock('keeps', 'invoices');
      await stores.queueMocks.create(mock);
      await stores.queueMessages.append([message(mock.id, 1), message(mock.id, 2)]);
      expect(await stores.queueMocks.delete(mock.id, { keepMessages: true })).toBe(true);
      expect(await stores.queueMocks.create(mock)).toEqual(mock);
      expect(await stores.queueMessages.list(mock.id, {}, 10)).toHaveLength(2);
      expect(await stores.queueMocks.delete(mock.id)).toBe(true);
      expect(await stores.queueMocks.create(mock)).toEqual(mock);
      expect(await stores.queueMessages.list(mock.id, {}, 10)).toHaveLength(0);
      expect(await stores.queueMocks.delete(mock.id)).toBe(true);
      expect(await stores.brokers.delete('keeps')).toBe(true);
      expect(await stores.brokers.delete('used')).toBe(false);
    });

    it('stores a batch with new ids in order, skipping redeliveries of a broker message id', async () => {
      const q = randomUUID();
      const first = await stores.queueMessages.append([
        message(q, 1, { brokerMessageId: 'm-1' }),
        message(q, 2),
        message(q, 3, { brokerMessageId: 'm-2' }),
      ]);
      expect(first.every((id) => typeof id === 'number')).toBe(true);
      expect(first).toEqual([...first].sort((a, b) => Number(a) - Number(b)));
      const again = await stores.queueMessages.append([
        message(q, 4, { brokerMessageId: 'm-2', redelivered: true }),
        message(q, 5),
        message(q, 6, { brokerMessageId: 'm-3' }),
        message(q, 7, { brokerMessageId: 'm-3' }),
      ]);
      expect(again[0]).toBeNull();
      expect(again[3]).toBeNull();
      expect(typeof again[1]).toBe('number');
      expect(Number(again[2])).toBeGreaterThan(Number(again[1]));
      expect(await stores.queueMessages.count(q)).toBe(5);
      // Another queue mock may hold the same broker id.
      expect(
        await stores.queueMessages.append([message(randomUUID(), 1, { brokerMessageId: 'm-1' })]),
      ).toHaveLength(1);
    });

    it('stores a JSON body from its delivered text, and a batch larger than one statement', async () => {
      const q = randomUUID();
      const spaced = message(q, 1, { body: { a: [1, 'ü'] } });
      spaced.body.json = '{ "a" : [1, "ü"] }';
      const many = Array.from({ length: 1500 }, (_, i) =>
        message(q, i + 2, { brokerMessageId: i % 2 ? `b-${i}` : null }),
      );
      many.push(message(q, 9999, { brokerMessageId: 'b-1' }));
      const ids = await stores.queueMessages.append([spaced, ...many]);
      expect(ids.slice(0, -1).every((id) => typeof id === 'number')).toBe(true);
      expect(ids.at(-1)).toBeNull();
      expect(new Set(ids.slice(0, -1)).size).toBe(1501);
      const [oldest] = await stores.queueMessages.list(q, { until: 2 }, 1);
      expect(oldest?.body).toEqual({ encoding: 'json', value: { a: [1, 'ü'] }, size: 10, truncated: false });
      expect(oldest?.id).toBe(ids[0]);
    });

    it('gives messages back newest first with every field, paged by id', async () => {
      const q = randomUUID();
      const ids = await stores.queueMessages.append([1, 2, 3].map((at) => message(q, at)));
      const page = await stores.queueMessages.list(q, {}, 2);
      expect(page.map((m) => m.id)).toEqual([ids[2], ids[1]]);
      expect(page[0]).toEqual({ ...message(q, 3), id: ids[2], reply: null });
      const rest = await stores.queueMessages.list(q, {}, 2, Number(ids[1]));
      expect(rest.map((m) => m.id)).toEqual([ids[0]]);
    });

    it('keeps text and base64 bodies as they came', async () => {
      const q = randomUUID();
      const binary = message(q, 2);
      binary.body = { encoding: 'base64', value: '//4A', size: 3, truncated: false };
      // Quotes, backslashes, braces, commas and non-ASCII: what array literals would have to escape.
      const tricky = 'plain "quoted" text, {braces} \\ back\\slash ü 🙂 NULL';
      await stores.queueMessages.append([message(q, 1, { text: tricky }), binary]);
      const [b, t] = await stores.queueMessages.list(q, {}, 10);
      expect(t?.body).toEqual({ encoding: 'text', value: tricky, size: tricky.length, truncated: false });
      expect(b?.body).toEqual(binary.body);
    });

    it('filters by body text (case-insensitive, in JSON and text), header and time', async () => {
      const q = randomUUID();
      await stores.queueMessages.append([
        message(q, 100, { body: { customer: 'ACME-42', pct: '50%' } }),
        message(q, 200, { text: 'order for acme-42 shipped' }),
        message(q, 300, { body: { customer: 'other' }, headers: { 'x-tenant': 'globex', 'x-count': 8 } }),
      ]);
      const at = async (filter: Parameters<Stores['queueMessages']['list']>[1]) =>
        (await stores.queueMessages.list(q, filter, 10)).map((m) => m.receivedAt);
      expect(await at({ text: 'acme-42' })).toEqual([200, 100]);
      expect(await at({ text: '50%' })).toEqual([100]);
      expect(await at({ text: '5_%' })).toEqual([]);
      expect(await at({ headers: [['x-tenant', 'globex']] })).toEqual([300]);
      expect(await at({ headers: [['x-count', '7']] })).toEqual([200, 100]);
      expect(
        await at({
          headers: [
            ['x-flag', 'true'],
            ['x-tenant', 'acme'],
          ],
        }),
      ).toEqual([200, 100]);
      expect(await at({ since: 200, until: 300 })).toEqual([200]);
    });

    it('counts messages per minute from a given time', async () => {
      const q = randomUUID();
      const minute = 60_000 * 1000;
      await stores.queueMessages.append([
        message(q, minute + 1),
        message(q, minute + 59_000),
        message(q, minute + 60_000),
        message(q, minute - 1),
      ]);
      expect(await stores.queueMessages.perMinute(q, minute)).toEqual([
        { minute, count: 2 },
        { minute: minute + 60_000, count: 1 },
      ]);
    });

    it('records a reply beside its message', async () => {
      const q = randomUUID();
      const [id] = await stores.queueMessages.append([message(q, 1)]);
      const reply = {
        replyTo: 'amq.rabbitmq.reply-to.x',
        correlationId: 'c-1',
        messageId: 'r-1',
        body: { encoding: 'json' as const, value: { ok: true }, size: 11, truncated: false },
        headers: {},
        sentAt: 5,
        error: null,
      };
      await stores.queueMessages.setReply(q, Number(id), reply);
      expect((await stores.queueMessages.list(q, {}, 1))[0]?.reply).toEqual(reply);
      // A Python handler that failed: nothing sent, the error and its output kept instead.
      const failed = {
        ...reply,
        messageId: null,
        body: { encoding: 'text' as const, value: '', size: 0, truncated: false },
        error: 'handler exception: KeyError',
        handler: { stdout: 'hi\n', stderr: '', traceback: 'Traceback …', durationMs: 3.5 },
      };
      await stores.queueMessages.setReply(q, Number(id), failed);
      expect((await stores.queueMessages.list(q, {}, 1))[0]?.reply).toEqual(failed);
    });

    it('applies retention by count and by age, and clears', async () => {
      const q = randomUUID();
      await stores.queueMessages.append([1, 2, 3, 4, 5].map((at) => message(q, at * 1000)));
      expect(await stores.queueMessages.prune(q, 3, 0)).toBe(2);
      expect((await stores.queueMessages.list(q, {}, 10)).map((m) => m.receivedAt)).toEqual([
        5000, 4000, 3000,
      ]);
      expect(await stores.queueMessages.prune(q, 100, 4500)).toBe(2);
      expect(await stores.queueMessages.clear(q)).toBe(1);
      expect(await stores.queueMessages.count(q)).toBe(0);
    });
  });
}
