import type { Logger } from 'pino';
import type {
  BrokerAdapters,
  BrokerStore,
  Clock,
  HandlerRunner,
  QueueMessageStore,
  QueueMockStore,
  SecretBox,
} from '../../core/ports/index.js';
import { AutoReplier } from './auto-replier.js';
import { BrokerCatalog } from './broker-catalog.js';
import { BrokerConnections } from './broker-connections.js';
import { QueueCatalog } from './queue-catalog.js';
import { QueueIntake } from './queue-intake.js';
import { QueueLiveFeed } from './queue-live-feed.js';
import { QueueMessages } from './queue-messages.js';
import { QueueRetention } from './queue-retention.js';

export interface QueueMocksDeps {
  stores: { brokers: BrokerStore; queueMocks: QueueMockStore; queueMessages: QueueMessageStore };
  adapters: BrokerAdapters;
  secrets: SecretBox;
  /** Runs Python auto-replies (and checks their code when saved). */
  handlers: HandlerRunner;
  clock: Clock;
  log: Logger;
  /** Tells this server's broker connections apart from other nodes'. */
  nodeId: string;
  bodyLimitBytes: number;
  retentionIntervalMs?: number;
}

/**
 * Brokers and queue mocks as one unit with a lifecycle: `start` connects every stored broker and
 * resumes reading every stored queue mock; `close` stops reading (batches in hand are stored and
 * acked), waits for auto-replies, then closes the connections.
 */
export class QueueMocks {
  readonly connections: BrokerConnections;
  readonly feed = new QueueLiveFeed();
  readonly replier: AutoReplier;
  readonly intake: QueueIntake;
  readonly retention: QueueRetention;
  readonly brokers: BrokerCatalog;
  readonly queues: QueueCatalog;
  readonly messages: QueueMessages;

  private constructor(private readonly deps: QueueMocksDeps) {
    const { stores, clock, log } = deps;
    this.connections = new BrokerConnections(deps.adapters, deps.secrets, deps.nodeId, log);
    this.replier = new AutoReplier({
      connections: this.connections,
      messages: stores.queueMessages,
      handlers: deps.handlers,
      feed: this.feed,
      clock,
      log,
    });
    this.intake = new QueueIntake({
      messages: stores.queueMessages,
      connections: this.connections,
      feed: this.feed,
      replier: this.replier,
      bodyLimitBytes: deps.bodyLimitBytes,
      log,
    });
    this.retention = new QueueRetention(
      stores.queueMocks,
      stores.queueMessages,
      clock,
      log,
      deps.retentionIntervalMs,
    );
    const shared = { queueMocks: stores.queueMocks, brokers: stores.brokers, connections: this.connections };
    this.brokers = new BrokerCatalog({ ...shared, secrets: deps.secrets, intake: this.intake, clock });
    this.queues = new QueueCatalog({
      ...shared,
      messages: stores.queueMessages,
      intake: this.intake,
      handlers: deps.handlers,
      clock,
    });
    this.messages = new QueueMessages(this.queues, stores.queueMessages, this.connections, clock);
  }

  static async start(deps: QueueMocksDeps): Promise<QueueMocks> {
    const mocks = new QueueMocks(deps);
    const { brokers, queueMocks } = deps.stores;
    for (const broker of await brokers.list()) mocks.connections.open(broker);
    // Declaring and consuming run in the background: a broker that is down must not delay listening.
    for (const mock of await queueMocks.list()) mocks.intake.start(mock);
    mocks.retention.start();
    return mocks;
  }

  /** Every step runs even if an earlier one fails, so a broken broker never keeps the store open. */
  async close(): Promise<void> {
    const steps: Array<[string, () => Promise<void>]> = [
      ['retention', () => this.retention.stop()],
      ['intake', () => this.intake.close()],
      ['auto-replies', () => this.replier.close()],
      ['broker connections', () => this.connections.closeAll()],
    ];
    for (const [what, step] of steps) {
      await step().catch((error: unknown) => this.deps.log.error({ err: error }, `closing ${what} failed`));
    }
  }
}
