import { randomBytes, randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import {
  BrokerUnavailableError,
  type BatchHandler,
  type BrokerClient,
  type BrokerStatus,
  type ConsumeOptions,
  type DeclareOptions,
  type MqttDeclareOptions,
  type OutgoingMessage,
  type PublishOptions,
  type PublishReceipt,
  type Subscription,
} from '../../core/ports/broker-client.js';
import { checkConsumeOptions, invalidOption, readerOf } from '../consume-options.js';
import { InFlightWindow } from '../in-flight-window.js';
import { firstSettled, whenUsable } from '../usable-connection.js';
import { MqttConnection, type MqttConnectionSettings } from './mqtt-connection.js';
import { toBrokerError } from './mqtt-faults.js';
import { toPublishOptions } from './mqtt-message-mapping.js';
import { withDefaults, type MqttClientOptions, type ResolvedMqttOptions } from './mqtt-options.js';
import { MqttSessionConsumer } from './mqtt-session-consumer.js';
import {
  checkDeclaration,
  checkTopicFilter,
  checkTopicName,
  defaultSessionId,
  subscriptionFilter,
} from './mqtt-topics.js';

/** MQTT 5 Receive Maximum is a 16-bit field. */
const MAX_PREFETCH = 65_535;

/**
 * The MQTT 5 adapter of the BrokerClient port. A target is a topic filter. MQTT sessions belong to a
 * connection, so unlike the other kinds each queue mock gets a connection of its own (its persistent
 * session, fixed client id, clean start off); publishing shares one more connection, at QoS 1.
 */
export class MqttBrokerClient implements BrokerClient {
  readonly kind = 'mqtt';
  readonly #options: ResolvedMqttOptions;
  readonly #publisher: MqttConnection;
  readonly #window: InFlightWindow;
  readonly #declarations = new Map<string, MqttDeclareOptions>();
  readonly #subscriptions = new Set<MqttSessionConsumer>();
  #firstAttempt: Promise<BrokerStatus> | undefined;

  constructor(options: MqttClientOptions) {
    this.#options = withDefaults(options);
    // A random suffix: two clients with one name must not take each other's connection over.
    const clientId = `${this.#options.name}-pub-${randomBytes(4).toString('hex')}`;
    this.#publisher = new MqttConnection(this.#connectionSettings(clientId, true));
    this.#window = new InFlightWindow(this.#options.maxInFlight);
  }

  get status(): BrokerStatus {
    return this.#publisher.status;
  }

  onStatusChange(listener: (status: BrokerStatus) => void): () => void {
    return this.#publisher.onStatusChange(listener);
  }

  connect(): Promise<BrokerStatus> {
    if (!this.#firstAttempt) {
      this.#firstAttempt = firstSettled(this.#publisher);
      this.#publisher.start();
    }
    return this.#firstAttempt;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.close()));
    await this.#window.drained();
    await this.#publisher.close();
  }

  /**
   * Subscribes the reader's session, so the broker keeps its messages from now on, consumer or not.
   * Skipped while this client consumes on that session: a second connection would take it over.
   */
  async declare(target: string, options: DeclareOptions): Promise<void> {
    if (options.kind !== 'mqtt') throw invalidOption('/kind', `expected mqtt, got ${options.kind}`);
    checkDeclaration(target, options);
    const sessionId = this.#sessionIdOf(target, options);
    if (![...this.#subscriptions].some((s) => s.sessionId === sessionId)) {
      const subscription = subscriptionFilter(target, options);
      await this.#withSession(`declaring ${target}`, sessionId, false, (client) =>
        client.subscribeAsync(subscription, { qos: 1, rh: 1 }),
      );
    }
    this.#declarations.set(target, options);
  }

  consume(target: string, handler: BatchHandler, options: ConsumeOptions): Subscription {
    const checked = checkConsumeOptions(options, MAX_PREFETCH);
    checkTopicFilter(target);
    const declaration = readerOf('mqtt', options, this.#declarations.get(target));
    const consumer = new MqttSessionConsumer(target, handler, {
      ...checked,
      retryLowMs: this.#options.retryLowMs,
      retryHighMs: this.#options.retryHighMs,
      connection: this.#connectionSettings(this.#sessionIdOf(target, declaration), false),
      subscription: subscriptionFilter(target, declaration),
      onClosed: () => this.#subscriptions.delete(consumer),
    });
    this.#subscriptions.add(consumer);
    consumer.start();
    return consumer;
  }

  async publish(target: string, message: OutgoingMessage, options?: PublishOptions): Promise<PublishReceipt> {
    if (options && options.kind !== 'mqtt')
      throw invalidOption('/kind', `expected mqtt, got ${options.kind}`);
    checkTopicName(target);
    const messageId = message.properties?.messageId ?? randomUUID();
    const action = `publishing to ${target}`;
    await this.#window.acquire();
    try {
      await whenUsable(this.#publisher, action, this.#options.acquireTimeoutMs);
      const puback = this.#publisher.client.publishAsync(
        target,
        message.body,
        toPublishOptions(message, messageId, options?.retain ?? false),
      );
      await withTimeout(puback, this.#options.confirmTimeoutMs);
      return { messageId };
    } catch (err) {
      throw toBrokerError(err, action);
    } finally {
      this.#window.release();
    }
  }

  /**
   * A topic holds nothing to delete: this ends the session of the target's remembered declaration, as
   * `deleteReader` does. Subscriptions of this client on the target are closed first.
   */
  async deleteQueue(target: string): Promise<void> {
    checkTopicFilter(target);
    const declaration = this.#declarations.get(target);
    this.#declarations.delete(target);
    await Promise.all([...this.#subscriptions].filter((s) => s.target === target).map((s) => s.close()));
    await this.#endSession(`deleting ${target}`, this.#sessionIdOf(target, declaration));
  }

  /**
   * Ends this node's session of the declaration, so the broker stops keeping (and, in a share group,
   * routing) messages for it; other nodes' sessions in the group are theirs to end. This client's
   * subscription on that session is closed first: it would otherwise start the session again at once.
   */
  async deleteReader(target: string, options: DeclareOptions): Promise<void> {
    if (options.kind !== 'mqtt') throw invalidOption('/kind', `expected mqtt, got ${options.kind}`);
    checkDeclaration(target, options);
    const sessionId = this.#sessionIdOf(target, options);
    const remembered = this.#declarations.get(target);
    if (remembered && this.#sessionIdOf(target, remembered) === sessionId) this.#declarations.delete(target);
    await Promise.all(
      [...this.#subscriptions].filter((s) => s.sessionId === sessionId).map((s) => s.close()),
    );
    await this.#endSession(`deleting the session of ${target}`, sessionId);
  }

  #sessionIdOf(target: string, declaration: MqttDeclareOptions | undefined): string {
    return declaration?.sessionId ?? defaultSessionId(target, this.#options.nodeId, declaration);
  }

  /** A clean-start connection under the session's client id, with session expiry 0: the broker drops it. */
  #endSession(action: string, sessionId: string): Promise<void> {
    return this.#withSession(action, sessionId, true, async () => {});
  }

  #connectionSettings(clientId: string, clean: boolean): MqttConnectionSettings {
    const o = this.#options;
    return {
      url: o.url,
      username: o.username,
      password: o.password,
      clientId,
      clean,
      sessionExpirySeconds: o.sessionExpirySeconds,
      keepaliveSeconds: o.heartbeatSeconds,
      connectTimeoutMs: o.connectTimeoutMs,
      retryLowMs: o.retryLowMs,
      retryHighMs: o.retryHighMs,
    };
  }

  /**
   * Runs `work` on a short-lived connection of the session. It never acks: messages the broker resends
   * to it (the session's backlog) stay unacked and go to the session's next connection, the consumer's.
   */
  async #withSession(
    action: string,
    sessionId: string,
    clean: boolean,
    work: (client: MqttClient) => Promise<unknown>,
  ): Promise<void> {
    await whenUsable(this.#publisher, action, this.#options.acquireTimeoutMs);
    const session = new MqttConnection({ ...this.#connectionSettings(sessionId, clean), receiveMaximum: 1 });
    session.start();
    try {
      await whenUsable(session, action, this.#options.acquireTimeoutMs);
      await work(session.client);
    } catch (err) {
      throw toBrokerError(err, action);
    } finally {
      await session.close();
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const message = `no PUBACK within ${ms} ms; the broker may or may not have it`;
      reject(new BrokerUnavailableError(message, 'CONFIRM_TIMEOUT'));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
