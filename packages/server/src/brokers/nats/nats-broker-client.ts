import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type {
  BatchHandler,
  BrokerClient,
  BrokerStatus,
  ConsumeOptions,
  DeclareOptions,
  NatsDeclareOptions,
  OutgoingMessage,
  PublishOptions,
  PublishReceipt,
  Subscription,
} from '../../core/ports/broker-client.js';
import { checkConsumeOptions, invalidOption, readerOf } from '../consume-options.js';
import { firstSettled, whenUsable } from '../usable-connection.js';
import { NatsConnectionSupervisor } from './nats-connection.js';
import { toBrokerError } from './nats-faults.js';
import { withDefaults, type NatsClientOptions, type ResolvedNatsOptions } from './nats-options.js';
import { NatsPublisher } from './nats-publisher.js';
import { NatsPullConsumer } from './nats-pull-consumer.js';
import {
  checkSubject,
  declareTarget,
  defaultDurableName,
  deleteDurable,
  deleteTarget,
  ensureReadTarget,
  type NatsReadTarget,
} from './nats-topology.js';

/** Pull batches are not 16-bit like AMQP's prefetch, but the API caps every kind alike. */
const MAX_PREFETCH = 65_535;

/**
 * The NATS JetStream adapter of the BrokerClient port. A target is a subject: declaring it makes (or
 * reuses) a stream capturing it plus the queue mock's durable pull consumer; publishing waits for the
 * stream's PubAck. One connection per broker; nats.js reconnects it and we re-pull after every reconnect.
 */
export class NatsBrokerClient implements BrokerClient {
  readonly kind = 'nats';
  readonly #options: ResolvedNatsOptions;
  readonly #supervisor: NatsConnectionSupervisor;
  readonly #publisher: NatsPublisher;
  readonly #declarations = new Map<string, NatsDeclareOptions>();
  readonly #subscriptions = new Set<NatsPullConsumer>();
  #firstAttempt: Promise<BrokerStatus> | undefined;

  constructor(options: NatsClientOptions) {
    this.#options = withDefaults(options);
    this.#supervisor = new NatsConnectionSupervisor(this.#options);
    this.#publisher = new NatsPublisher(this.#supervisor, this.#options);
    let first = true;
    this.#supervisor.onConnected((nc) => {
      if (!first) void this.#redeclareRemembered(nc);
      first = false;
    });
  }

  get status(): BrokerStatus {
    return this.#supervisor.status;
  }

  onStatusChange(listener: (status: BrokerStatus) => void): () => void {
    return this.#supervisor.onStatusChange(listener);
  }

  connect(): Promise<BrokerStatus> {
    this.#firstAttempt ??= firstSettled(this.#supervisor);
    this.#supervisor.start();
    return this.#firstAttempt;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.close()));
    await this.#publisher.drained();
    await this.#supervisor.close();
  }

  async declare(target: string, options: DeclareOptions): Promise<void> {
    if (options.kind !== 'nats') throw invalidOption('/kind', `expected nats, got ${options.kind}`);
    const declaration = options;
    checkDeclaration(target, declaration);
    await this.#withManager(`declaring ${target}`, (jsm) =>
      declareTarget(jsm, target, declaration, this.#options),
    );
    this.#declarations.set(target, declaration);
  }

  consume(target: string, handler: BatchHandler, options: ConsumeOptions): Subscription {
    const checked = checkConsumeOptions(options, MAX_PREFETCH);
    checkSubject(target, true);
    // Taken now, not at each reconnect: a later declaration of the subject with another durable (a
    // bridge on a queue mock's subject) must not move this consumer onto that durable.
    const declaration = readerOf('nats', options, this.#declarations.get(target));
    const consumer = new NatsPullConsumer(this.#supervisor, target, handler, {
      ...checked,
      retryLowMs: this.#options.retryLowMs,
      retryHighMs: this.#options.retryHighMs,
      pullExpiresMs: this.#options.pullExpiresMs,
      ackWaitMs: this.#options.ackWaitMs,
      ensure: (nc) => this.#ensureReadTarget(nc, target, declaration, checked.prefetch),
      onClosed: () => this.#subscriptions.delete(consumer),
    });
    this.#subscriptions.add(consumer);
    consumer.start();
    return consumer;
  }

  publish(target: string, message: OutgoingMessage, options?: PublishOptions): Promise<PublishReceipt> {
    if (options)
      return Promise.reject(invalidOption('/kind', `nats takes no ${options.kind} publish options`));
    return this.#publisher.publish(target, message);
  }

  async deleteQueue(target: string): Promise<void> {
    checkSubject(target, true);
    this.#declarations.delete(target);
    await this.#withManager(`deleting ${target}`, (jsm) => deleteTarget(jsm, target));
  }

  /** Deletes the declaration's durable consumer (not the stream): the reader it was is gone. */
  async deleteReader(target: string, options: DeclareOptions): Promise<void> {
    if (options.kind !== 'nats') throw invalidOption('/kind', `expected nats, got ${options.kind}`);
    checkDeclaration(target, options);
    const durable = durableOf(target, options);
    const remembered = this.#declarations.get(target);
    if (remembered && durableOf(target, remembered) === durable) this.#declarations.delete(target);
    await this.#withManager(`deleting consumer ${durable} of ${target}`, (jsm) =>
      deleteDurable(jsm, target, durable),
    );
  }

  async #ensureReadTarget(
    nc: NatsConnection,
    target: string,
    declaration: NatsDeclareOptions | undefined,
    prefetch: number,
  ): Promise<NatsReadTarget> {
    const jsm = await jetstreamManager(nc, { checkAPI: false, timeout: this.#options.acquireTimeoutMs });
    const settings = { ackWaitMs: this.#options.ackWaitMs, minAckPending: prefetch };
    return ensureReadTarget(jsm, target, declaration, settings);
  }

  /** Consumers re-ensure their own target; this covers subjects we only publish to (a bridge's OUT). */
  async #redeclareRemembered(nc: NatsConnection): Promise<void> {
    const consumed = new Set([...this.#subscriptions].map((s) => s.target));
    for (const [target, declaration] of this.#declarations) {
      if (consumed.has(target)) continue;
      // Best effort: if it fails, the next publish to it reports the broker's reason.
      await jetstreamManager(nc, { checkAPI: false })
        .then((jsm) => declareTarget(jsm, target, declaration, this.#options))
        .catch(() => {});
    }
  }

  async #withManager<T>(action: string, work: (jsm: JetStreamManager) => Promise<T>): Promise<T> {
    await whenUsable(this.#supervisor, action, this.#options.acquireTimeoutMs);
    try {
      const nc = this.#supervisor.connection;
      if (!nc) throw new Error('the connection is gone');
      const jsm = await jetstreamManager(nc, { checkAPI: false, timeout: this.#options.acquireTimeoutMs });
      return await work(jsm);
    } catch (err) {
      throw toBrokerError(err, action);
    }
  }
}

function checkDeclaration(target: string, declaration: NatsDeclareOptions): void {
  checkSubject(target, true);
  if (declaration.durable !== undefined && !/^[A-Za-z0-9_-]{1,200}$/.test(declaration.durable)) {
    throw invalidOption('/durable', 'must be 1 to 200 letters, digits, - or _');
  }
}

const durableOf = (target: string, declaration: NatsDeclareOptions): string =>
  declaration.durable ?? defaultDurableName(target);
