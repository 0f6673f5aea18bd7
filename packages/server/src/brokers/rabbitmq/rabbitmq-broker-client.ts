import { AMQPChannelError, AMQPConnectionError, Connection, type Channel } from 'rabbitmq-client';
import {
  BrokerUnavailableError,
  type BatchHandler,
  type BrokerClient,
  type BrokerStatus,
  type ConsumeOptions,
  type DeclareOptions,
  type OutgoingMessage,
  type PublishOptions,
  type PublishReceipt,
  type RabbitmqDeclareOptions,
  type Subscription,
} from '../../core/ports/broker-client.js';
import { StatusTracker } from '../status-tracker.js';
import { RabbitmqConfirmPublisher } from './rabbitmq-confirm-publisher.js';
import { faultOf, needsHuman, toBrokerError } from './rabbitmq-faults.js';
import { RabbitmqQueueConsumer } from './rabbitmq-queue-consumer.js';
import {
  checkConsumeOptions,
  checkPublishOptions,
  type RabbitmqClientOptions,
  withDefaults,
} from './rabbitmq-options.js';
import { checkDeclaration, checkQueueName, declareQueue } from './rabbitmq-topology.js';

/** The RabbitMQ adapter of the BrokerClient port, over rabbitmq-client (reconnects with backoff by itself). */
export class RabbitmqBrokerClient implements BrokerClient {
  readonly kind = 'rabbitmq';
  readonly #options: Required<RabbitmqClientOptions>;
  readonly #status = new StatusTracker();
  readonly #declarations = new Map<string, RabbitmqDeclareOptions>();
  readonly #subscriptions = new Set<RabbitmqQueueConsumer>();
  #conn: Connection | undefined;
  #publisher: RabbitmqConfirmPublisher | undefined;
  #firstAttempt: Promise<BrokerStatus> | undefined;

  constructor(options: RabbitmqClientOptions) {
    this.#options = withDefaults(options);
  }

  get status(): BrokerStatus {
    return this.#status.status;
  }

  onStatusChange(listener: (status: BrokerStatus) => void): () => void {
    return this.#status.onStatusChange(listener);
  }

  connect(): Promise<BrokerStatus> {
    this.#firstAttempt ??= this.#settled();
    if (this.#conn || this.#status.status.state !== 'connecting') return this.#firstAttempt;
    const o = this.#options;
    try {
      // ONE connection per broker, however many queues are read. The original design rotated queues
      // through a worker pool to keep the number of TCP connections fixed; AMQP multiplexes channels,
      // so one connection with one consumer (channel) per queue and push delivery meets that goal
      // without rotation, and every queue is read continuously instead of every few seconds.
      this.#conn = new Connection({
        url: o.url,
        connectionName: o.connectionName,
        retryLow: o.retryLowMs,
        retryHigh: o.retryHighMs,
        connectionTimeout: o.connectionTimeoutMs,
        acquireTimeout: o.acquireTimeoutMs,
        heartbeat: o.heartbeatSeconds,
        frameMax: 131_072, // RabbitMQ's own maximum: fewer frames per message than the client's 8 KiB default
      });
    } catch (err) {
      this.#status.fault({ ...faultOf(err), code: 'INVALID_URL' }, true);
      return this.#firstAttempt;
    }
    this.#conn.on('connection', () => this.#onConnected());
    this.#conn.on('error', (err: unknown) => this.#onConnectionError(err));
    this.#publisher = new RabbitmqConfirmPublisher(this.#conn, o);
    return this.#firstAttempt;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.close()));
    await this.#publisher?.close();
    await this.#conn?.close();
    this.#status.set({ state: 'closed' });
  }

  async declare(target: string, options: DeclareOptions): Promise<void> {
    const checked = checkDeclaration(target, options);
    await this.#withChannel(`declaring queue ${target}`, (ch) => declareQueue(ch, target, checked));
    this.#declarations.set(target, checked);
  }

  consume(target: string, handler: BatchHandler, options: ConsumeOptions): Subscription {
    checkQueueName(target);
    const conn = this.#connection();
    const consumer = new RabbitmqQueueConsumer(conn, target, handler, {
      ...checkConsumeOptions(options),
      retryLowMs: this.#options.retryLowMs,
      retryHighMs: this.#options.retryHighMs,
      declaration: () => this.#declarations.get(target),
      connectionStatus: () => this.#status.status,
      onClosed: () => this.#subscriptions.delete(consumer),
    });
    this.#subscriptions.add(consumer);
    consumer.start();
    return consumer;
  }

  async publish(target: string, message: OutgoingMessage, options?: PublishOptions): Promise<PublishReceipt> {
    checkPublishOptions(target, options);
    this.#usableConnection(`publishing to ${target}`);
    if (!this.#publisher) throw new BrokerUnavailableError('connect() was not called', 'NOT_CONNECTED');
    return this.#publisher.publish(target, message, options);
  }

  async deleteQueue(target: string): Promise<void> {
    checkQueueName(target);
    // Forget first: a consumer still on the queue then stops at a passive check instead of re-creating it.
    this.#declarations.delete(target);
    await this.#withChannel(`deleting queue ${target}`, (ch) => ch.queueDelete({ queue: target }));
  }

  /**
   * A reader's state is the queue itself (its messages and bindings), which stays unless deleteQueue
   * is asked for: nothing else to delete. Once no subscription of this client reads the queue, its
   * declaration is forgotten too, so a reconnect does not re-create a queue another node deleted.
   */
  async deleteReader(target: string, options: DeclareOptions): Promise<void> {
    checkDeclaration(target, options);
    if (![...this.#subscriptions].some((s) => s.target === target)) this.#declarations.delete(target);
  }

  #settled(): Promise<BrokerStatus> {
    return new Promise((resolve) => {
      const off = this.#status.onStatusChange((status) => {
        if (status.state === 'connecting') return;
        off();
        resolve(status);
      });
    });
  }

  #onConnected(): void {
    this.#status.connected();
    void this.#redeclareRemembered();
  }

  #onConnectionError(err: unknown): void {
    // A channel's own failure surfaces through the operation that caused it; only connection faults
    // change the broker's status. rabbitmq-client reports only the first failure of a reconnect series.
    if (err instanceof AMQPChannelError && !(err instanceof AMQPConnectionError)) return;
    const fault = faultOf(err);
    this.#status.fault(fault, needsHuman(fault));
  }

  /** Consumers re-declare their own queue; this covers queues we only publish to (e.g. a bridge's OUT). */
  async #redeclareRemembered(): Promise<void> {
    const consumed = new Set([...this.#subscriptions].map((s) => s.target));
    for (const [target, options] of this.#declarations) {
      if (consumed.has(target)) continue;
      // Best effort: if it fails, the next publish to it reports the broker's reason.
      await this.#withChannel(`re-declaring ${target}`, (ch) => declareQueue(ch, target, options)).catch(
        () => {},
      );
    }
  }

  #connection(): Connection {
    if (!this.#conn) {
      const fault = this.#status.status.state === 'failed' ? this.#status.status.lastError : undefined;
      throw new BrokerUnavailableError(
        fault?.message ?? 'connect() was not called',
        fault?.code ?? 'NOT_CONNECTED',
      );
    }
    return this.#conn;
  }

  /** Fails fast when a human must fix the broker; otherwise operations wait (acquireTimeoutMs) for it. */
  #usableConnection(action: string): Connection {
    const conn = this.#connection();
    const status = this.#status.status;
    if (status.state === 'failed') {
      throw new BrokerUnavailableError(`${action}: ${status.lastError.message}`, status.lastError.code);
    }
    if (status.state === 'closed')
      throw new BrokerUnavailableError(`${action}: the client is closed`, 'CLOSED');
    return conn;
  }

  /** Runs `work` on a short-lived channel, so a refusal that closes it cannot hit anyone else's request. */
  async #withChannel<T>(action: string, work: (ch: Channel) => Promise<T>): Promise<T> {
    const conn = this.#usableConnection(action);
    let ch: Channel | undefined;
    try {
      ch = await conn.acquire({ emitErrorsFromChannel: true });
      ch.on('error', () => {});
      return await work(ch);
    } catch (err) {
      throw toBrokerError(err, action);
    } finally {
      await ch?.close();
    }
  }
}
