import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeRecord, BrokerRecord, DeadLetterRecord } from '../core/ports/index.js';
import type { Stores } from './stores.js';

function broker(name: string): BrokerRecord {
  return {
    name,
    kind: 'rabbitmq',
    url: 'amqp://127.0.0.1:5672',
    username: null,
    passwordSealed: null,
    options: {},
    ownerId: 'owner-1',
    createdAt: 1,
    updatedAt: 1,
  };
}

function bridge(brokerName: string, name = `bridge-${randomUUID()}`): BridgeRecord {
  return {
    id: randomUUID(),
    name,
    in: { broker: brokerName, queue: 'orders.in', create: true },
    out: { broker: brokerName, exchange: 'amq.topic', routingKey: 'orders.out' },
    mapper: { kind: 'python', code: 'def mapper(body, headers):\n    return body\n', timeoutMs: 500 },
    concurrency: 2,
    enabled: true,
    retry: { attempts: 3, backoffMs: 100 },
    ownerId: 'owner-1',
    createdAt: 1,
    updatedAt: 1,
  };
}

function letter(bridgeId: string, messageId: string, failedAt = 5): DeadLetterRecord {
  return {
    bridgeId,
    messageId,
    body: { encoding: 'json', value: { id: 7, name: 'Zoë' }, size: 22, truncated: false },
    headers: { 'x-tenant': 'acme', 'x-count': 3 },
    properties: { contentType: 'application/json', timestamp: 4 },
    routingKey: 'orders.in',
    exchange: '',
    error: { kind: 'exception', message: 'KeyError: id', traceback: 'Traceback …\nKeyError: id' },
    attempts: 3,
    receivedAt: 4,
    failedAt,
    editedAt: null,
  };
}

/** Bridges and their dead letters behave the same on every backend (STYLE rule 6). */
export function describeBridgeStoresContract(backend: string, open: () => Promise<Stores>) {
  describe(`bridge stores on ${backend}`, () => {
    let stores: Stores;
    const brokerName = `bridges-${randomUUID().slice(0, 8)}`;
    beforeAll(async () => {
      stores = await open();
      await stores.brokers.create(broker(brokerName));
    });
    afterAll(async () => stores?.close());

    it('creates, reads, lists, updates and deletes bridges; names are unique', async () => {
      const created = bridge(brokerName);
      expect(await stores.bridges.create(created)).toEqual(created);
      expect(await stores.bridges.get(created.id)).toEqual(created);
      expect(await stores.bridges.create({ ...bridge(brokerName), name: created.name })).toBe('taken');
      expect((await stores.bridges.list()).map((b) => b.id)).toContain(created.id);
      const changed: BridgeRecord = {
        ...created,
        enabled: false,
        mapper: { kind: 'identity' },
        updatedAt: 9,
      };
      expect(await stores.bridges.update(changed)).toEqual(changed);
      expect(await stores.bridges.get(created.id)).toEqual(changed);
      expect(await stores.bridges.update(bridge(brokerName))).toBeUndefined();
      expect(await stores.bridges.delete(created.id)).toBe(true);
      expect(await stores.bridges.get(created.id)).toBeUndefined();
      expect(await stores.bridges.delete(created.id)).toBe(false);
    });

    it('refuses a bridge on an unknown broker, and a broker delete while a bridge uses it', async () => {
      expect(await stores.bridges.create(bridge('no-such-broker'))).toBe('no-broker');
      const other = `bridges-used-${randomUUID().slice(0, 8)}`;
      await stores.brokers.create(broker(other));
      const used = bridge(other);
      await stores.bridges.create(used);
      expect(await stores.brokers.delete(other)).toBe('in-use');
      expect(await stores.bridges.update({ ...used, out: { broker: 'nowhere', queue: 'q' } })).toBe(
        'no-broker',
      );
      await stores.bridges.delete(used.id);
      expect(await stores.brokers.delete(other)).toBe(true);
    });

    it('adds counters up and never overwrites them', async () => {
      const b = bridge(brokerName);
      await stores.bridges.create(b);
      expect(await stores.bridges.counts(b.id)).toEqual({ in: 0, out: 0, dropped: 0, dead: 0 });
      await Promise.all([
        stores.bridges.addCounts(b.id, { in: 10, out: 12, dropped: 1, dead: 2 }),
        stores.bridges.addCounts(b.id, { in: 5, out: 5, dropped: 0, dead: 0 }),
      ]);
      await stores.bridges.update({ ...b, enabled: false, updatedAt: 2 });
      expect(await stores.bridges.counts(b.id)).toEqual({ in: 15, out: 17, dropped: 1, dead: 2 });
      expect(await stores.bridges.counts(randomUUID())).toBeUndefined();
    });

    it('keeps one dead letter per message id, newest first, paged, editable', async () => {
      const b = bridge(brokerName);
      await stores.bridges.create(b);
      const first = await stores.deadLetters.add(letter(b.id, 'm-1'));
      const second = await stores.deadLetters.add(letter(b.id, 'm-2', 6));
      const third = await stores.deadLetters.add(letter(b.id, 'm-3', 7));
      expect(await stores.deadLetters.add(letter(b.id, 'm-2'))).toBeNull();
      expect([first, second, third].every((id) => typeof id === 'number')).toBe(true);
      expect(await stores.deadLetters.count(b.id)).toBe(3);
      const page = await stores.deadLetters.list(b.id, 2);
      expect(page.map((l) => l.messageId)).toEqual(['m-3', 'm-2']);
      expect(page[1]).toEqual({ ...letter(b.id, 'm-2', 6), id: second });
      const rest = await stores.deadLetters.list(b.id, 2, Number(page[1]?.id));
      expect(rest.map((l) => l.messageId)).toEqual(['m-1']);
      const edited: DeadLetterRecord = {
        ...(rest[0] as DeadLetterRecord),
        body: { encoding: 'text', value: 'fixed', size: 5, truncated: false },
        attempts: 4,
        editedAt: 8,
      };
      expect(await stores.deadLetters.update(edited)).toBe(true);
      expect(await stores.deadLetters.get(b.id, Number(first))).toEqual(edited);
      expect(await stores.deadLetters.get(randomUUID(), Number(first))).toBeUndefined();
      expect(await stores.deadLetters.delete(b.id, Number(first))).toBe(true);
      expect(await stores.deadLetters.delete(b.id, Number(first))).toBe(false);
      expect(await stores.deadLetters.update(edited)).toBe(false);
    });

    it('deletes a bridge with its dead letters', async () => {
      const b = bridge(brokerName);
      await stores.bridges.create(b);
      await stores.deadLetters.add(letter(b.id, 'gone'));
      await stores.bridges.delete(b.id);
      expect(await stores.deadLetters.count(b.id)).toBe(0);
      // The same message id may then be buried again by a new bridge.
      const again = bridge(brokerName);
      await stores.bridges.create(again);
      expect(await stores.deadLetters.add(letter(again.id, 'gone'))).not.toBeNull();
    });
  });
}
