import { randomUUID } from 'node:crypto';
import type { AutoReply, QueueMockCreate, QueueMockPatch } from '@understudy/contracts';
import { assertCanChange, type Actor } from '../../core/auth/actor.js';
import { ValidationError } from '../../core/errors.js';
import type {
  AutoReplySettings,
  BrokerStatus,
  BrokerStore,
  Clock,
  HandlerRunner,
  Headers,
  QueueMessageStore,
  QueueMockRecord,
  QueueMockStore,
} from '../../core/ports/index.js';
import { encodeBody } from '../../core/queues/message-body.js';
import { DEFAULT_RETENTION } from '../../core/queues/queue-defaults.js';
import { checkQueueOptions, declarations } from '../../core/queues/queue-declarations.js';
import {
  BrokerNotFoundError,
  QueueMockExistsError,
  QueueMockNotFoundError,
} from '../../core/queues/queue-errors.js';
import type { BrokerConnections } from './broker-connections.js';
import type { QueueIntake } from './queue-intake.js';

export interface QueueCatalogDeps {
  queueMocks: QueueMockStore;
  brokers: BrokerStore;
  messages: QueueMessageStore;
  connections: BrokerConnections;
  intake: QueueIntake;
  handlers: HandlerRunner;
  clock: Clock;
}

/** The adapter points at its own option names; at the API they live under the request body. */
const ADAPTER_POINTERS: Record<string, string> = {
  '/queue': '/body/queue',
  '/durable': '/body/options/durable',
};

function atBody(error: unknown): unknown {
  if (!(error instanceof ValidationError)) return error;
  const details = error.details.map((d) => ({ ...d, path: ADAPTER_POINTERS[d.path] ?? `/body${d.path}` }));
  return new ValidationError(error.message, details);
}

/**
 * Checks an auto-reply at save time, so a body that cannot be sent or code that does not compile is a
 * 400 now (pointing at the field, with line and column for code), not a failure per message.
 */
async function autoReplyOf(
  input: AutoReply | null | undefined,
  handlers: HandlerRunner,
): Promise<AutoReplySettings | null | undefined> {
  if (!input) return input;
  if (input.kind === 'python') {
    await handlers.validate({ code: input.code, entrypoint: 'handler', pointer: '/body/autoReply/code' });
    return input;
  }
  encodeBody(input.body, input.bodyEncoding, '/body/autoReply/body');
  // Parsed from a JSON body, so every header value is JSON: exactly what HeaderValue allows.
  const { headers, ...rest } = input;
  return headers === undefined ? rest : { ...rest, headers: headers as Headers };
}

/** Queue mocks: declared on their broker and read from the moment they are created. */
export class QueueCatalog {
  constructor(private readonly deps: QueueCatalogDeps) {}

  list(): Promise<QueueMockRecord[]> {
    return this.deps.queueMocks.list();
  }

  async get(id: string): Promise<QueueMockRecord> {
    const mock = await this.deps.queueMocks.get(id);
    if (!mock) throw new QueueMockNotFoundError(id);
    return mock;
  }

  status(id: string): BrokerStatus {
    return this.deps.intake.status(id);
  }

  async create(actor: Actor, input: QueueMockCreate): Promise<QueueMockRecord> {
    const broker = await this.deps.brokers.get(input.broker);
    if (!broker) throw new BrokerNotFoundError(input.broker, '/body/broker');
    const options = input.options ?? {};
    checkQueueOptions(broker.kind, options);
    const autoReply = await autoReplyOf(input.autoReply, this.deps.handlers);
    const taken = (await this.deps.queueMocks.listByBroker(broker.name)).find((m) => m.queue === input.queue);
    if (taken) throw new QueueMockExistsError(broker.name, input.queue, taken.id);
    const now = this.deps.clock.now();
    const record: QueueMockRecord = {
      id: randomUUID(),
      broker: broker.name,
      queue: input.queue,
      create: input.create ?? true,
      options,
      retention: { ...DEFAULT_RETENTION, ...input.retention },
      autoReply: autoReply ?? null,
      ownerId: actor.id,
      createdAt: now,
      updatedAt: now,
    };
    // Declared before it is stored: a name or option the broker refuses is a 4xx with its reason,
    // and nothing is kept.
    const client = this.deps.connections.client(broker.name);
    await client.declare(record.queue, declarations[broker.kind](record)).catch((error: unknown) => {
      throw atBody(error);
    });
    const created = await this.deps.queueMocks.create(record);
    if (created === 'taken') throw new QueueMockExistsError(broker.name, input.queue, '(just created)');
    if (created === 'no-broker') throw new BrokerNotFoundError(input.broker, '/body/broker');
    this.deps.intake.start(created, true);
    return created;
  }

  async update(actor: Actor, id: string, patch: QueueMockPatch): Promise<QueueMockRecord> {
    const current = await this.get(id);
    assertCanChange(actor, current.ownerId, `queue mock ${id}`);
    const autoReply = await autoReplyOf(patch.autoReply, this.deps.handlers);
    const next: QueueMockRecord = {
      ...current,
      retention: { ...current.retention, ...patch.retention },
      autoReply: autoReply === undefined ? current.autoReply : autoReply,
      updatedAt: this.deps.clock.now(),
    };
    const updated = await this.deps.queueMocks.update(next);
    if (!updated) throw new QueueMockNotFoundError(id);
    this.deps.intake.update(updated);
    return updated;
  }

  /**
   * Stops reading, forgets the queue mock, then deletes the queue on the broker if asked (failing if
   * it cannot), else only the queue mock's own consumer state there. Forgotten first: the deletion is
   * announced to other nodes when the row goes, so they stop reading, and a reader of theirs that
   * loses its queue meanwhile finds the queue mock gone instead of declaring the queue again. When
   * the queue goes too, its messages stay until the broker has deleted it: if the broker refuses,
   * the queue mock comes back with them.
   */
  async delete(actor: Actor, id: string, deleteQueue: boolean): Promise<void> {
    const mock = await this.get(id);
    assertCanChange(actor, mock.ownerId, `queue mock ${id}`);
    await this.deps.intake.stop(id);
    await this.deps.queueMocks.delete(id, { keepMessages: deleteQueue });
    if (!deleteQueue) return this.deps.intake.deleteReader(mock);
    try {
      await this.deps.connections.client(mock.broker).deleteQueue(mock.queue);
    } catch (error) {
      await this.#restore(mock);
      throw error;
    }
    await this.deps.messages.clear(id);
  }

  /** The queue could not be deleted: the queue mock comes back, with its messages, to retry with. */
  async #restore(mock: QueueMockRecord): Promise<void> {
    const restored = await this.deps.queueMocks.create(mock);
    if (typeof restored !== 'string') this.deps.intake.start(restored);
  }

  async clear(actor: Actor, id: string): Promise<number> {
    const mock = await this.get(id);
    assertCanChange(actor, mock.ownerId, `queue mock ${id}`);
    return this.deps.messages.clear(id);
  }
}
