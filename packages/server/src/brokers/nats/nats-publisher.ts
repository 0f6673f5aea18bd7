import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  BrokerRejectedError,
  BrokerUnavailableError,
  type OutgoingMessage,
  type PublishReceipt,
} from '../../core/ports/broker-client.js';
import type { ValidationError } from '../../core/errors.js';
import { InFlightWindow } from '../in-flight-window.js';
import { whenUsable } from '../usable-connection.js';
import type { NatsConnectionSupervisor } from './nats-connection.js';
import { faultOf, toBrokerError } from './nats-faults.js';
import { toNatsHeaders } from './nats-message-mapping.js';
import { checkSubject, findStream } from './nats-topology.js';

export interface NatsPublisherSettings {
  maxInFlight: number;
  confirmTimeoutMs: number;
  acquireTimeoutMs: number;
}

/**
 * JetStream publishing with PubAcks over the broker's one connection, a bounded in-flight window, and a
 * `Nats-Msg-Id` on every message, so the stream drops a retried duplicate within its dedupe window.
 * A publish whose outcome is unknown is rejected as unavailable, never retried here.
 */
export class NatsPublisher {
  readonly #supervisor: NatsConnectionSupervisor;
  readonly #settings: NatsPublisherSettings;
  readonly #window: InFlightWindow;
  /** Rejects the publishes awaiting a PubAck when the connection drops (see #abandonInFlight). */
  readonly #inFlight = new Set<(err: BrokerUnavailableError) => void>();
  #js: { nc: NatsConnection; client: JetStreamClient } | undefined;

  constructor(supervisor: NatsConnectionSupervisor, settings: NatsPublisherSettings) {
    this.#supervisor = supervisor;
    this.#settings = settings;
    this.#window = new InFlightWindow(settings.maxInFlight);
    supervisor.onStatusChange((status) => {
      if (status.state !== 'connected') this.#abandonInFlight();
    });
  }

  async publish(target: string, message: OutgoingMessage): Promise<PublishReceipt> {
    checkSubject(target, false);
    const messageId = message.properties?.messageId ?? randomUUID();
    const action = `publishing to ${target}`;
    await this.#window.acquire();
    try {
      await whenUsable(this.#supervisor, action, this.#settings.acquireTimeoutMs);
      const pubAck = this.#client().publish(target, message.body, {
        msgID: messageId,
        headers: toNatsHeaders(message),
        timeout: this.#settings.confirmTimeoutMs,
      });
      const ack = await this.#unlessDropped(pubAck);
      return { messageId, sequence: String(ack.seq) };
    } catch (err) {
      throw await this.#explain(err, target, action);
    } finally {
      this.#window.release();
    }
  }

  /** Resolves when no publish awaits its PubAck any more. */
  drained(): Promise<void> {
    return this.#window.drained();
  }

  /**
   * A PubAck that was on its way when the connection dropped never comes: the request was lost, or the
   * stored message's answer was. The outcome is unknown either way, so say so now rather than after the
   * confirm timeout; a caller that retries with the same message id is deduped by the stream.
   */
  #unlessDropped<T>(pubAck: Promise<T>): Promise<T> {
    let reject: ((err: BrokerUnavailableError) => void) | undefined;
    const dropped = new Promise<never>((_, r) => (reject = r));
    const abandon = reject!;
    this.#inFlight.add(abandon);
    pubAck.catch(() => {}); // its own rejection may come after we gave up on it
    return Promise.race([pubAck, dropped]).finally(() => this.#inFlight.delete(abandon));
  }

  #abandonInFlight(): void {
    const message = 'the connection dropped before the PubAck; the stream may or may not have the message';
    for (const abandon of this.#inFlight) abandon(new BrokerUnavailableError(message, 'CONFIRM_LOST'));
    this.#inFlight.clear();
  }

  #client(): JetStreamClient {
    const nc = this.#supervisor.connection;
    if (!nc) throw new BrokerUnavailableError('not connected', 'NOT_CONNECTED');
    if (this.#js?.nc !== nc) this.#js = { nc, client: jetstream(nc) };
    return this.#js.client;
  }

  /**
   * "No responders" means either that no stream captures the subject (the broker cannot route it: a
   * rejection) or that JetStream is not up yet, e.g. just after a server restart (try again): asking
   * for the stream that captures the subject tells the two apart.
   */
  async #explain(
    err: unknown,
    target: string,
    action: string,
  ): Promise<BrokerUnavailableError | BrokerRejectedError | ValidationError> {
    if (faultOf(err).code !== 'NO_RESPONDERS') return toBrokerError(err, action);
    const nc = this.#supervisor.connection;
    const unavailable = new BrokerUnavailableError(`${action}: JetStream did not answer`, 'NO_RESPONDERS');
    if (!nc) return unavailable;
    try {
      const jsm = await jetstreamManager(nc, { checkAPI: false, timeout: this.#settings.acquireTimeoutMs });
      if ((await findStream(jsm, target)) !== null) return unavailable;
      return new BrokerRejectedError(`${action}: no JetStream stream captures ${target}`, 'NO_STREAM', 404);
    } catch {
      return unavailable;
    }
  }
}
