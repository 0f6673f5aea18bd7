import type { Logger } from 'pino';
import type {
  BrokerStatus,
  Delivery,
  QueueMessageRecord,
  QueueMessageStore,
  QueueMockRecord,
  Subscription,
} from '../../core/ports/index.js';
import { toMessageRecord } from '../../core/queues/intake-record.js';
import { DEFAULT_PREFETCH } from '../../core/queues/queue-defaults.js';
import { declarations } from '../../core/queues/queue-declarations.js';
import type { AutoReplier } from './auto-replier.js';
import type { BrokerConnections } from './broker-connections.js';
import type { QueueLiveFeed } from './queue-live-feed.js';
import { withRawBody } from './raw-body.js';
import { faultStatus } from './status.js';

interface Consumer {
  mock: QueueMockRecord;
  subscription: Subscription | null;
  /** Why it is not consuming yet (declaring failed); shown as its status meanwhile. */
  fault: BrokerStatus | null;
  attempt: number;
  retry: NodeJS.Timeout | undefined;
  stopped: boolean;
  failedBatches: number;
  /** A store look-up after the reader lost its consumer is under way. */
  checking: boolean;
}

export interface QueueIntakeDeps {
  messages: QueueMessageStore;
  connections: BrokerConnections;
  feed: QueueLiveFeed;
  replier: AutoReplier;
  /** Bodies are kept up to this many bytes; longer ones are cut and flagged. */
  bodyLimitBytes: number;
  log: Logger;
}

const RETRY_LOW_MS = 1000;
const RETRY_HIGH_MS = 30_000;

/**
 * Reads every queue mock continuously: one consumer per queue mock on its broker's one connection,
 * push delivery. Each batch is stored in one transaction and acked only after the commit (the adapter
 * acks when the handler resolves); a store failure rejects the batch, so the broker redelivers it.
 */
export class QueueIntake {
  readonly #consumers = new Map<string, Consumer>();
  #isStored: ((id: string) => Promise<boolean>) | undefined;

  constructor(private readonly deps: QueueIntakeDeps) {}

  /**
   * With several nodes (DESIGN §7): when a reader loses its consumer (the queue, durable or group was
   * deleted), ask the store before the adapter sets it up again. A queue mock deleted on another node
   * is then dropped here instead of re-creating what that node just deleted.
   */
  checkLostReadersWith(isStored: (id: string) => Promise<boolean>): void {
    this.#isStored = isStored;
  }

  /** The queue mocks read on this node, as they were when started or last updated. */
  running(): QueueMockRecord[] {
    return [...this.#consumers.values()].map((c) => c.mock);
  }

  /** Starts reading; `declared` when the caller has just declared the queue itself. */
  start(mock: QueueMockRecord, declared = false): void {
    const consumer: Consumer = {
      mock,
      subscription: null,
      fault: null,
      attempt: 0,
      retry: undefined,
      stopped: false,
      failedBatches: 0,
      checking: false,
    };
    this.#consumers.set(mock.id, consumer);
    void this.#run(consumer, declared);
  }

  /** Takes new retention and auto-reply settings; the consumer keeps running. */
  update(mock: QueueMockRecord): void {
    const consumer = this.#consumers.get(mock.id);
    if (consumer) consumer.mock = mock;
  }

  status(id: string): BrokerStatus {
    const consumer = this.#consumers.get(id);
    if (!consumer) return { state: 'closed' };
    return consumer.subscription?.status ?? consumer.fault ?? { state: 'connecting' };
  }

  /** Stops reading; waits for the batch in hand to be stored and acked. */
  async stop(id: string): Promise<void> {
    const consumer = this.#consumers.get(id);
    if (!consumer) return;
    this.#consumers.delete(id);
    consumer.stopped = true;
    clearTimeout(consumer.retry);
    await consumer.subscription?.close();
  }

  /**
   * For a queue mock that is gone (stop it first): deletes what its broker keeps for it alone (NATS
   * durable, Redis group, this node's MQTT session), so nothing piles up there. Best effort: the
   * queue mock is deleted either way, and a broker that is down is no reason to keep it.
   */
  async deleteReader(mock: QueueMockRecord): Promise<void> {
    const { connections, log } = this.deps;
    try {
      const client = connections.client(mock.broker);
      const kind = connections.kind(mock.broker) ?? client.kind;
      await client.deleteReader(mock.queue, declarations[kind](mock));
    } catch (error) {
      log.warn(
        { err: error, queueMock: mock.id },
        "could not delete the queue mock's consumer state on its broker; it stays there until removed by hand or expired",
      );
    }
  }

  /**
   * For a queue mock deleted on another node: stops reading it, then deletes its consumer state as
   * that node did (idempotent), in case our reader set it up again in between; ends this node's own
   * MQTT session too, which only this node can.
   */
  async forget(id: string): Promise<void> {
    const mock = this.#consumers.get(id)?.mock;
    if (!mock) return;
    await this.stop(id);
    await this.deleteReader(mock);
  }

  /** Stops every queue mock of a broker (before its connection is replaced); returns them. */
  async stopBroker(broker: string): Promise<QueueMockRecord[]> {
    const mocks = [...this.#consumers.values()].map((c) => c.mock).filter((m) => m.broker === broker);
    await Promise.all(mocks.map((m) => this.stop(m.id)));
    return mocks;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#consumers.keys()].map((id) => this.stop(id)));
  }

  async #run(consumer: Consumer, declared: boolean): Promise<void> {
    const { mock } = consumer;
    const { connections } = this.deps;
    try {
      const client = connections.client(mock.broker);
      const kind = connections.kind(mock.broker) ?? client.kind;
      const reader = declarations[kind](mock);
      // Remembered by the client, so the queue and its bindings are re-declared after every reconnect.
      if (!declared) await client.declare(mock.queue, reader);
      if (consumer.stopped) return;
      const prefetch =
        mock.options.prefetch ?? connections.settings(mock.broker).prefetch ?? DEFAULT_PREFETCH;
      const subscription = client.consume(mock.queue, (batch) => this.#store(consumer, batch), {
        prefetch,
        reader,
      });
      consumer.subscription = subscription;
      subscription.onStatusChange((status) => {
        if (status.state === 'reconnecting' || status.state === 'failed') this.#checkLost(consumer);
      });
      consumer.fault = null;
      consumer.attempt = 0;
    } catch (error) {
      this.#retryLater(consumer, error);
    }
  }

  /** The adapter retries its setup after at least its low backoff; one look-up is much quicker. */
  #checkLost(consumer: Consumer): void {
    const isStored = this.#isStored;
    if (!isStored || consumer.checking || consumer.stopped) return;
    consumer.checking = true;
    const { id } = consumer.mock;
    isStored(id)
      .then(async (stored) => {
        if (stored || this.#consumers.get(id) !== consumer) return;
        this.deps.log.info({ queueMock: id }, 'queue mock deleted on another node; no longer read here');
        await this.forget(id);
      })
      .catch((error: unknown) =>
        this.deps.log.warn(
          { err: error, queueMock: id },
          'could not check whether the queue mock still exists',
        ),
      )
      .finally(() => {
        consumer.checking = false;
      });
  }

  #retryLater(consumer: Consumer, error: unknown): void {
    if (consumer.stopped) return;
    const first = consumer.fault === null;
    // A broker that refused us (credentials, vhost) explains more than "cannot declare" does.
    const broker = this.deps.connections.status(consumer.mock.broker);
    consumer.fault = broker.state === 'failed' ? broker : faultStatus(error);
    if (first)
      this.deps.log.warn({ err: error, queueMock: consumer.mock.id }, 'queue mock cannot start; retrying');
    const delay = Math.min(RETRY_LOW_MS * 2 ** consumer.attempt++, RETRY_HIGH_MS);
    consumer.retry = setTimeout(() => void this.#run(consumer, false), delay);
  }

  async #store(consumer: Consumer, batch: readonly Delivery[]): Promise<void> {
    const { mock } = consumer;
    // A body decoded from the delivered bytes keeps them, so SQLite can store them without re-encoding.
    const records = batch.map((d) => {
      const record = toMessageRecord(mock.id, d, this.deps.bodyLimitBytes);
      return d.json ? record : withRawBody(record, d.body);
    });
    let ids: Array<number | null>;
    try {
      ids = await this.deps.messages.append(records);
    } catch (error) {
      // Rejecting makes the broker redeliver the whole batch; log the first failure of a streak only.
      if (consumer.failedBatches++ === 0) {
        this.deps.log.error(
          { err: error, queueMock: mock.id },
          'storing messages failed; the broker redelivers them',
        );
      }
      throw error;
    }
    if (consumer.failedBatches > 0)
      this.deps.log.info({ queueMock: mock.id }, 'storing messages works again');
    consumer.failedBatches = 0;
    const stored: QueueMessageRecord[] = [];
    ids.forEach((id, i) => {
      const record = records[i];
      if (id === null || !record) return; // a redelivery we already have: skipped, still acked
      record.id = id;
      stored.push(record);
    });
    if (this.deps.feed.listening(mock.id)) {
      for (const message of stored) this.deps.feed.publish(mock.id, { type: 'message', message });
    }
    this.deps.replier.reply(consumer.mock, stored);
  }
}
