import {
  createInbox,
  type Msg,
  type NatsConnection,
  type Subscription as NatsSubscription,
} from '@nats-io/transport-node';
import type {
  BatchHandler,
  BrokerFault,
  BrokerStatus,
  Subscription,
} from '../../core/ports/broker-client.js';
import { expBackoff, type RetryBounds } from '../../core/retry/backoff.js';
import { DeliveryBatcher } from '../delivery-batcher.js';
import { StatusTracker } from '../status-tracker.js';
import type { NatsConnectionSupervisor } from './nats-connection.js';
import { faultOf, needsHuman } from './nats-faults.js';
import { parseAckSubject, toDelivery, type AckInfo } from './nats-message-mapping.js';
import { PullWindow } from './nats-pull-window.js';
import type { NatsReadTarget } from './nats-topology.js';

interface RawNatsDelivery {
  msg: Msg;
  info: AckInfo;
  receivedAt: Date;
}

export interface PullConsumerSettings extends RetryBounds {
  prefetch: number;
  maxBatch: number;
  maxWaitMs: number;
  pullExpiresMs: number;
  ackWaitMs: number;
  /** Makes sure stream and durable consumer exist (from the remembered declaration); run at every start. */
  ensure: (nc: NatsConnection) => Promise<NatsReadTarget>;
  onClosed: () => void;
}

/**
 * One queue mock's JetStream pull consumer, with our own pull loop rather than nats.js's `consume()`:
 * we size every pull to the free part of the prefetch (so at most `prefetch` deliveries are ever
 * unacked here) and, on close, *drain* the inbox so messages already on the wire are nak'd at once
 * instead of waiting out the ack wait. A batch is acked message by message (explicit acks) after the
 * handler resolves; a rejected batch is nak'd, which JetStream redelivers first, in order.
 */
export class NatsPullConsumer implements Subscription {
  readonly target: string;
  readonly #supervisor: NatsConnectionSupervisor;
  readonly #handler: BatchHandler;
  readonly #settings: PullConsumerSettings;
  readonly #status = new StatusTracker();
  readonly #batcher: DeliveryBatcher<RawNatsDelivery>;
  readonly #window: PullWindow;
  readonly #offs: Array<() => void> = [];
  #nc: NatsConnection | undefined;
  #sub: NatsSubscription | undefined;
  #inbox = '';
  #retryTimer: NodeJS.Timeout | undefined;
  #attempt = 0;
  #establishing = false;
  #again = false;
  #closing = false;

  constructor(
    supervisor: NatsConnectionSupervisor,
    target: string,
    handler: BatchHandler,
    settings: PullConsumerSettings,
  ) {
    this.#supervisor = supervisor;
    this.target = target;
    this.#handler = handler;
    this.#settings = settings;
    this.#batcher = new DeliveryBatcher<RawNatsDelivery>(
      { handle: (batch) => this.#handle(batch), settle: (batch, ok) => this.#settle(batch, ok) },
      settings,
    );
    this.#window = new PullWindow(settings.prefetch, settings.pullExpiresMs, {
      send: (request) => this.#sendPull(request),
      lost: () => this.#restart(),
    });
  }

  get status(): BrokerStatus {
    return this.#status.status;
  }

  onStatusChange(listener: (status: BrokerStatus) => void): () => void {
    return this.#status.onStatusChange(listener);
  }

  start(): void {
    this.#offs.push(this.#supervisor.onConnected(() => this.#restart()));
    this.#offs.push(this.#supervisor.onStatusChange((status) => this.#onConnectionStatus(status)));
    if (this.#supervisor.status.state === 'connected') this.#restart();
    else this.#onConnectionStatus(this.#supervisor.status);
  }

  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    this.#window.stop();
    clearTimeout(this.#retryTimer);
    for (const off of this.#offs.splice(0)) off();
    for (const delivery of this.#batcher.stop()) respond(delivery.msg, NAK);
    // The server stops serving our pull requests once it has processed the UNSUB that drain sends;
    // what it sent before arrives first and is nak'd in #onMessage, so nothing waits out the ack wait.
    if (this.#sub && !this.#sub.isClosed()) await this.#sub.drain().catch(() => {});
    await this.#batcher.idle();
    this.#status.set({ state: 'closed' });
    this.#settings.onClosed();
  }

  /** A connection fault is the subscription's too; the reconnect (onConnected) restarts it. */
  #onConnectionStatus(status: BrokerStatus): void {
    if (this.#closing || (status.state !== 'reconnecting' && status.state !== 'failed')) return;
    this.#window.stop();
    this.#status.fault(status.lastError, status.state === 'failed');
  }

  #restart(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (this.#closing) return;
    if (this.#establishing) {
      this.#again = true;
      return;
    }
    this.#establishing = true;
    this.#window.stop();
    this.#establish().then(
      () => this.#established(),
      (err: unknown) => {
        this.#established();
        this.#retry(faultOf(err));
      },
    );
  }

  #established(): void {
    this.#establishing = false;
    if (!this.#again) return;
    this.#again = false;
    this.#restart();
  }

  async #establish(): Promise<void> {
    const nc = this.#supervisor.connection;
    if (!nc || this.#supervisor.status.state !== 'connected') return; // onConnected will call again
    const { stream, durable } = await this.#settings.ensure(nc);
    if (this.#closing) return;
    if (nc !== this.#nc || !this.#sub || this.#sub.isClosed()) this.#subscribe(nc);
    this.#attempt = 0;
    this.#status.connected();
    this.#window.start(`$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`);
  }

  /** A new connection means a new inbox; deliveries buffered from the old one can no longer be acked. */
  #subscribe(nc: NatsConnection): void {
    if (this.#sub && !this.#sub.isClosed()) this.#sub.unsubscribe();
    this.#window.release(this.#batcher.buffered);
    this.#batcher.discardBuffered();
    this.#nc = nc;
    this.#inbox = createInbox();
    const sub: NatsSubscription = nc.subscribe(this.#inbox, {
      callback: (err, msg) => this.#onMessage(sub, err, msg),
    });
    this.#sub = sub;
  }

  #sendPull(request: string): boolean {
    try {
      this.#nc?.publish(this.#window.subject, request, { reply: this.#inbox });
      return this.#nc !== undefined;
    } catch (err) {
      this.#retry(faultOf(err));
      return false;
    }
  }

  #onMessage(sub: NatsSubscription, err: Error | null, msg: Msg): void {
    if (sub !== this.#sub) return;
    this.#window.activity();
    if (err) return this.#retry(faultOf(err));
    const info = msg.reply ? parseAckSubject(msg.reply) : null;
    if (!info) return this.#onPullStatus(msg);
    if (this.#closing) return void respond(msg, NAK);
    this.#window.received();
    this.#batcher.push({ msg, info, receivedAt: new Date() });
  }

  /** Status messages the server sends to the inbox about our pull requests (ADR-13). */
  #onPullStatus(msg: Msg): void {
    const code = msg.headers?.code ?? 0;
    const description = msg.headers?.description ?? '';
    if (code === 100) return; // idle heartbeat: the request is alive
    if (code === 404 || code === 408) return this.#window.expired(pendingOf(msg));
    if (code === 409 && /consumer deleted/i.test(description)) {
      return this.#retry({ code: 'CONSUMER_DELETED', message: description, at: new Date() });
    }
    if (code === 409) return this.#window.expired(pendingOf(msg));
    if (code === 503) {
      return this.#retry({ code: 'NO_RESPONDERS', message: 'JetStream is not answering', at: new Date() });
    }
  }

  async #handle(batch: readonly RawNatsDelivery[]): Promise<void> {
    // "Still working" resets the ack wait, so a slow store does not get its batch redelivered meanwhile.
    const keepAlive = setInterval(() => {
      for (const d of batch) respond(d.msg, WORKING);
    }, this.#settings.ackWaitMs / 2);
    try {
      await this.#handler(batch.map((d) => toDelivery(d.msg, d.info, d.receivedAt)));
    } finally {
      clearInterval(keepAlive);
    }
  }

  #settle(batch: readonly RawNatsDelivery[], ok: boolean): void {
    const reply = ok ? ACK : NAK;
    for (const d of batch) respond(d.msg, reply);
    this.#window.release(batch.length);
  }

  #retry(fault: BrokerFault): void {
    if (this.#closing) return;
    this.#window.stop();
    // While the connection itself is down its fault is the reason, and its reconnect restarts us.
    if (this.#supervisor.status.state !== 'connected') return;
    this.#status.fault(fault, needsHuman(fault));
    if (this.#retryTimer) return;
    const delay = expBackoff(this.#settings.retryLowMs, this.#settings.retryHighMs, ++this.#attempt);
    this.#retryTimer = setTimeout(() => this.#restart(), delay);
  }
}

/** Encoded once: nats.js would otherwise encode the string again for every ack. */
const ACK = new TextEncoder().encode('+ACK');
const NAK = new TextEncoder().encode('-NAK');
const WORKING = new TextEncoder().encode('+WPI');

function respond(msg: Msg, payload: Uint8Array): void {
  try {
    msg.respond(payload);
  } catch {
    // The connection is gone: JetStream redelivers after the ack wait, a duplicate at worst.
  }
}

function pendingOf(msg: Msg): number | undefined {
  const pending = Number(msg.headers?.get('Nats-Pending-Messages'));
  return Number.isFinite(pending) && msg.headers?.has('Nats-Pending-Messages') ? pending : undefined;
}
