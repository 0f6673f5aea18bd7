import { randomUUID } from 'node:crypto';
import type { Channel, Connection, ReturnedMessage } from 'rabbitmq-client';
import {
  BrokerRejectedError,
  BrokerUnavailableError,
  type OutgoingMessage,
  type PublishOptions,
  type PublishReceipt,
} from '../../core/ports/broker-client.js';
import { InFlightWindow } from '../in-flight-window.js';
import { toBrokerError } from './rabbitmq-faults.js';
import { toEnvelope } from './rabbitmq-message-mapping.js';

export interface ConfirmPublisherSettings {
  /** Publishes awaiting their confirm at most; further callers wait for a slot. */
  maxInFlight: number;
  /** After this long without a confirm the outcome is reported unknown (503); the caller may retry. */
  confirmTimeoutMs: number;
}

interface AwaitingConfirm {
  routeKey: string;
  returned: boolean;
}

/**
 * The broker's one publisher: a single confirm-mode channel on the shared connection, reopened on
 * demand after it is lost. A publish whose outcome is unknown (channel lost before the confirm) is
 * rejected, never retried here: only the caller knows whether a duplicate is acceptable.
 */
export class RabbitmqConfirmPublisher {
  readonly #conn: Connection;
  readonly #settings: ConfirmPublisherSettings;
  readonly #window: InFlightWindow;
  #current: Channel | undefined;
  #opening: Promise<Channel> | undefined;
  /** By message id, so a basic.return (which carries no delivery tag) finds the publish it belongs to. */
  readonly #awaiting = new Map<string, AwaitingConfirm[]>();

  constructor(conn: Connection, settings: ConfirmPublisherSettings) {
    this.#conn = conn;
    this.#settings = settings;
    this.#window = new InFlightWindow(settings.maxInFlight);
  }

  async publish(target: string, message: OutgoingMessage, options?: PublishOptions): Promise<PublishReceipt> {
    // Always carry a message id: it matches returns to publishes and lets receivers spot duplicates.
    const messageId = message.properties?.messageId ?? randomUUID();
    const envelope = toEnvelope(target, message, messageId, options);
    const awaiting: AwaitingConfirm = { routeKey: routeKey(envelope.exchange, target), returned: false };
    await this.#window.acquire();
    this.#track(messageId, awaiting);
    try {
      const ch = await this.#channel();
      await this.#confirmed(ch.basicPublish(envelope, message.body));
      // The broker sends basic.return before the confirm, but rabbitmq-client resolves the confirm at
      // once and emits the return on a later tick; one macrotask turn lets that return land first.
      await new Promise(setImmediate);
      if (awaiting.returned) {
        throw new BrokerRejectedError(`no queue is bound to take it (${awaiting.routeKey})`, 'NO_ROUTE', 404);
      }
      return { messageId };
    } catch (err) {
      throw toBrokerError(err, `publishing to ${envelope.exchange || '(default exchange)'} / ${target}`);
    } finally {
      this.#untrack(messageId, awaiting);
      this.#window.release();
    }
  }

  /** Waits (within the confirm timeout) for every publish in flight, then closes the channel. */
  async close(): Promise<void> {
    await this.#window.drained();
    await this.#current?.close();
  }

  #channel(): Promise<Channel> {
    if (this.#current?.active) return Promise.resolve(this.#current);
    this.#opening ??= this.#open().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  async #open(): Promise<Channel> {
    const ch = await this.#conn.acquire({ emitErrorsFromChannel: true });
    // A failed publish rejects its own promise; whatever else the channel emits ends in its close,
    // and the next publish opens a new one.
    ch.on('error', () => {});
    ch.on('basic.return', (msg: ReturnedMessage) => this.#returned(msg));
    await ch.confirmSelect();
    this.#current = ch;
    return ch;
  }

  #confirmed(confirm: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const message = `no confirm within ${this.#settings.confirmTimeoutMs} ms; the broker may or may not have it`;
        reject(new BrokerUnavailableError(message, 'CONFIRM_TIMEOUT'));
      }, this.#settings.confirmTimeoutMs);
    });
    return Promise.race([confirm, timeout]).finally(() => clearTimeout(timer));
  }

  #returned(msg: ReturnedMessage): void {
    const key = routeKey(msg.exchange, msg.routingKey);
    const candidates = msg.messageId === undefined ? undefined : this.#awaiting.get(msg.messageId);
    // Publishes sharing an id are normally retries of one message, so marking the oldest is the best guess.
    const match = candidates?.find((a) => a.routeKey === key && !a.returned);
    if (match) match.returned = true;
  }

  #track(messageId: string, awaiting: AwaitingConfirm): void {
    const list = this.#awaiting.get(messageId);
    if (list) list.push(awaiting);
    else this.#awaiting.set(messageId, [awaiting]);
  }

  #untrack(messageId: string, awaiting: AwaitingConfirm): void {
    const list = this.#awaiting.get(messageId);
    if (!list) return;
    const rest = list.filter((a) => a !== awaiting);
    if (rest.length > 0) this.#awaiting.set(messageId, rest);
    else this.#awaiting.delete(messageId);
  }
}

function routeKey(exchange: string | undefined, routingKey: string): string {
  return `${exchange ?? ''}\u0000${routingKey}`;
}
