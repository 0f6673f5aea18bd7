import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from './core/auth/actor.js';
import type { QueueMockRecord } from './core/ports/index.js';
import { queueMessage } from './store/queue-message.fixture.js';
import { openStores, type Stores } from './store/stores.js';
import { tempSqliteUrl } from './testing/temp-sqlite.js';
import type { BrokerConnections } from './services/queues/broker-connections.js';
import { QueueCatalog } from './services/queues/queue-catalog.js';
import type { QueueIntake } from './services/queues/queue-intake.js';

// The broker is a stand-in that deletes queues or refuses to: what is under test is what the
// catalog keeps in the (real) store either way.
const owner: Actor = { id: 'owner-1', username: 'ada', role: 'member' };
let temp: ReturnType<typeof tempSqliteUrl>;
let stores: Stores;
let mock: QueueMockRecord;
let started: string[];
let deleteQueue: (queue: string) => Promise<void>;

function catalog(): QueueCatalog {
  const connections = { client: () => ({ deleteQueue: (queue: string) => deleteQueue(queue) }) };
  const intake = {
    stop: async () => undefined,
    start: (m: QueueMockRecord) => void started.push(m.id),
    deleteReader: async () => undefined,
  };
  return new QueueCatalog({
    queueMocks: stores.queueMocks,
    brokers: stores.brokers,
    messages: stores.queueMessages,
    connections: connections as unknown as BrokerConnections,
    intake: intake as unknown as QueueIntake,
    handlers: undefined as never,
    clock: { now: () => 5 },
  });
}

beforeEach(async () => {
  temp = tempSqliteUrl();
  stores = await openStores(temp.url);
  started = [];
  await stores.brokers.create({
    name: 'local',
    kind: 'rabbitmq',
    url: 'amqp://127.0.0.1:5672',
    username: 'guest',
    passwordSealed: 'v1.sealed',
    options: {},
    ownerId: owner.id,
    createdAt: 1,
    updatedAt: 1,
  });
  mock = {
    id: randomUUID(),
    broker: 'local',
    queue: 'invoices',
    create: true,
    options: {},
    retention: { maxMessages: 100, maxAgeHours: 24 },
    autoReply: null,
    ownerId: owner.id,
    createdAt: 1,
    updatedAt: 1,
  };
  await stores.queueMocks.create(mock);
  await stores.queueMessages.append([queueMessage(mock.id, 1), queueMessage(mock.id, 2)]);
});
afterEach(async () => {
  await stores.close();
  temp.remove();
});

describe('deleting a queue mock together with its queue', () => {
  it('keeps the queue mock and its messages when the broker refuses to delete the queue', async () => {
    deleteQueue = () => Promise.reject(new Error('NOT_ALLOWED - access refused'));
    await expect(catalog().delete(owner, mock.id, true)).rejects.toThrow(/access refused/);
    expect(await stores.queueMocks.get(mock.id)).toEqual(mock);
    expect(await stores.queueMessages.list(mock.id, {}, 10)).toHaveLength(2);
    expect(started).toEqual([mock.id]);
  });

  it('removes the queue mock and its messages once the broker has deleted the queue', async () => {
    const deleted: string[] = [];
    deleteQueue = async (queue) => void deleted.push(queue);
    await catalog().delete(owner, mock.id, true);
    expect(deleted).toEqual(['invoices']);
    expect(await stores.queueMocks.get(mock.id)).toBeUndefined();
    expect(await stores.queueMessages.list(mock.id, {}, 10)).toHaveLength(0);
  });
});
