import type { AsyncMessage, Channel, Connection } from 'rabbitmq-client';
import type {
  BatchHandler,
  BrokerFault,
  BrokerStatus,
  RabbitmqDeclareOptions,
  Subscription,
} from '../../core/ports/broker-client.js';
import { expBackoff, type RetryBounds } from '../../core/retry/backoff.js';
import { DeliveryBatcher } from '../delivery-batcher.js';
import { StatusTracker } from '../status-tracker.js';
import { faultOf, needsHuman } from './rabbitmq-faults.js';
import { toDelivery } from './rabbitmq-message-mapping.js';
import { declareQueue } from './rabbitmq-topology.js';

interface RawDelivery {
  channel: Channel;
  msg: AsyncMessage;
  receivedAt: Date;
}

export interface QueueConsumerSettings extends RetryBounds {
  prefetch: number;
  maxBatch: number;
  maxWaitMs: number;
  /** The target's remembered declaration, read again at every (re)setup. */
  declaration: () => RabbitmqDeclareOptions | undefined;
  /** The broker connection's status, whose fault explains a setup that timed out waiting for it. */
  connectionStatus: () => BrokerStatus;
  onClosed: () => void;
}

/**
 * One AMQP consumer on its own channel of the broker's shared connection. Unlike rabbitmq-client's
 * Consumer (one handler call and one ack per message) it hands over batches and settles each batch
 * with a single `multiple` ack or nack. Like it, it re-runs its whole setup (declare, bind, qos,
 * consume) whenever its channel is lost, with jittered backoff.
 */
export class RabbitmqQueueConsumer implements Subscription {
  readonly target: string;
  readonly #conn: Connection;
  readonly #handler: BatchHandler;
  readonly #settings: QueueConsumerSettings;
  readonly #status = new StatusTracker();
  readonly #batcher: DeliveryBatcher<RawDelivery>;
  #channel: Channel | undefined;
  #consumerTag = '';
  #attempt = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #settingUp = false;
  #closing = false;

  constructor(conn: Connection, target: string, handler: BatchHandler, settings: QueueConsumerSettings) {
    this.#conn = conn;
    this.target = target;
    this.#handler = handler;
    this.#settings = settings;
    this.#batcher = new DeliveryBatcher<RawDelivery>(
      {
        handle: (batch) => this.#handler(batch.map((d) => toDelivery(d.msg, d.receivedAt))),
        settle: (batch, ok) => this.#settle(batch, ok),
      },
      settings,
    );
  }

  get status(): BrokerStatus {
    return this.#status.status;
  }

  onStatusChange(listener: (status: BrokerStatus) => void): () => void {
    return this.#status.onStatusChange(listener);
  }

  start(): void {
    this.#retryTimer = undefined;
    this.#settingUp = true;
    this.#establish().then(
      () => {
        this.#settingUp = false;
      },
      (err: unknown) => {
        this.#settingUp = false;
        this.#retry(faultOf(err));
      },
    );
  }

  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    clearTimeout(this.#retryTimer);
    const ch = this.#channel;
    if (ch?.active && this.#consumerTag)
      await ch.basicCancel({ consumerTag: this.#consumerTag }).catch(() => {});
    // Deliveries never handed over go back to the queue when the channel closes; no need to nack them.
    this.#batcher.stop();
    await this.#batcher.idle();
    await ch?.close();
    this.#status.set({ state: 'closed' });
    this.#settings.onClosed();
  }

  async #establish(): Promise<void> {
    // The batch in hand may belong to a lost channel; its redeliveries must not overtake it.
    await this.#batcher.idle();
    const ch = await this.#openChannel();
    await declareQueue(ch, this.target, this.#settings.declaration());
    await ch.basicQos({ prefetchCount: this.#settings.prefetch });
    const { consumerTag } = await ch.basicConsume({ queue: this.target }, (msg) => this.#onDelivery(ch, msg));
    this.#consumerTag = consumerTag;
    if (!ch.active) throw new Error('the channel closed while the consumer was being set up');
    this.#attempt = 0;
    this.#status.connected();
  }

  async #openChannel(): Promise<Channel> {
    if (this.#channel?.active) return this.#channel;
    const ch = await this.#conn.acquire({ emitErrorsFromChannel: true });
    if (this.#closing) {
      await ch.close();
      throw new Error('the consumer was closed');
    }
    // Errors a channel emits (a failed ack write) are followed by its close, handled below.
    ch.on('error', () => {});
    ch.once('close', () => this.#lost(ch, { code: 'CHANNEL_CLOSED', message: 'the channel closed' }));
    ch.on('basic.cancel', () =>
      this.#lost(ch, {
        code: 'CONSUMER_CANCELLED',
        message: 'the broker cancelled the consumer (queue deleted?)',
      }),
    );
    this.#channel = ch;
    return ch;
  }

  #lost(ch: Channel, fault: Omit<BrokerFault, 'at'>): void {
    if (ch !== this.#channel || this.#closing) return;
    this.#consumerTag = '';
    if (!ch.active) {
      this.#channel = undefined;
      this.#batcher.discardBuffered();
    }
    // A setup in progress fails with the precise reason (e.g. NOT_FOUND) and retries; reporting the
    // bare channel close as well would flap the status on every attempt.
    if (this.#settingUp) return;
    this.#retry({ ...fault, at: new Date() });
  }

  #retry(fault: BrokerFault): void {
    if (this.#closing) return;
    // "Timed out waiting for a connection" says less than why there is none (refused credentials, …).
    const connection = this.#settings.connectionStatus();
    const cause = fault.code === 'TIMEOUT' && 'lastError' in connection ? connection.lastError : fault;
    this.#status.fault(cause, needsHuman(cause));
    if (this.#retryTimer) return;
    const delay = expBackoff(this.#settings.retryLowMs, this.#settings.retryHighMs, ++this.#attempt);
    this.#retryTimer = setTimeout(() => this.start(), delay);
  }

  #onDelivery(ch: Channel, msg: AsyncMessage): void {
    if (ch !== this.#channel || this.#closing) return;
    this.#batcher.push({ channel: ch, msg, receivedAt: new Date() });
  }

  /**
   * Batches are handed over one at a time in delivery-tag order, so every earlier delivery on this
   * channel is already settled and one `multiple` frame up to the last tag settles exactly this batch.
   */
  #settle(batch: readonly RawDelivery[], ok: boolean): void {
    const last = batch[batch.length - 1];
    if (!last || !last.channel.active) return; // a closed channel's deliveries are requeued by the broker
    const deliveryTag = last.msg.deliveryTag;
    try {
      if (ok) last.channel.basicAck({ deliveryTag, multiple: true });
      else last.channel.basicNack({ deliveryTag, multiple: true, requeue: true });
    } catch {
      // The channel died between the check and the write; the broker redelivers, a duplicate at worst.
    }
  }
}
