import type { DoneCallback, IPublishPacket, MqttClient } from 'mqtt';
import type {
  BatchHandler,
  BrokerFault,
  BrokerStatus,
  Subscription,
} from '../../core/ports/broker-client.js';
import { expBackoff, type RetryBounds } from '../../core/retry/backoff.js';
import { DeliveryBatcher } from '../delivery-batcher.js';
import { StatusTracker } from '../status-tracker.js';
import { MqttConnection, PUBACK_DEFERRED, type MqttConnectionSettings } from './mqtt-connection.js';
import { faultOf, needsHuman } from './mqtt-faults.js';
import { toDelivery } from './mqtt-message-mapping.js';

interface RawMqttDelivery {
  packet: IPublishPacket;
  /** The connection it came on: its PUBACK is sent only on that one. */
  epoch: number;
  receivedAt: Date;
  /** We are handing it over again after a rejected batch (MQTT has no negative ack). */
  retried: boolean;
}

export interface SessionConsumerSettings extends RetryBounds {
  prefetch: number;
  maxBatch: number;
  maxWaitMs: number;
  /** The session's connection (clientId = session id, clean start off). */
  connection: Omit<MqttConnectionSettings, 'onPublish' | 'receiveMaximum'>;
  /** What to subscribe: the topic filter, or `$share/<group>/<filter>`. */
  subscription: string;
  onClosed: () => void;
}

/** mqtt.js keeps its packet writer private; it is the only way to send a PUBACK when *we* decide. */
type PacketWriter = { _sendPacket(packet: { cmd: 'puback'; messageId: number; reasonCode: number }): void };

/**
 * One queue mock's persistent MQTT session, subscribed at QoS 1, with the PUBACK held back until the
 * batch handler resolved. mqtt.js acks every message before handing it on, and its documented way to
 * delay that (`handleMessage`) processes one packet at a time, so holding the callback would allow a
 * single message per batch; instead the callback gets an error, which makes mqtt.js skip its PUBACK
 * and read on, and we send the PUBACK ourselves after the batch is stored. The broker sends at most
 * `prefetch` unacked messages (Receive Maximum), and resends unacked ones when the session reconnects.
 */
export class MqttSessionConsumer implements Subscription {
  readonly target: string;
  /** The session's client id. */
  readonly sessionId: string;
  readonly #connection: MqttConnection;
  readonly #handler: BatchHandler;
  readonly #settings: SessionConsumerSettings;
  readonly #status = new StatusTracker();
  readonly #batcher: DeliveryBatcher<RawMqttDelivery>;
  #retryTimer: NodeJS.Timeout | undefined;
  #attempt = 0;
  #closing = false;

  constructor(target: string, handler: BatchHandler, settings: SessionConsumerSettings) {
    this.target = target;
    this.sessionId = settings.connection.clientId;
    this.#handler = handler;
    this.#settings = settings;
    this.#connection = new MqttConnection({
      ...settings.connection,
      receiveMaximum: settings.prefetch,
      onPublish: (packet, done) => this.#onPublish(packet, done),
    });
    this.#batcher = new DeliveryBatcher<RawMqttDelivery>(
      {
        handle: (batch) => this.#handler(batch.map((d) => toDelivery(d.packet, d.receivedAt, d.retried))),
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
    this.#connection.onConnected(() => this.#subscribe());
    this.#status.followFaultsOf(this.#connection);
    this.#connection.start();
  }

  /** Unhanded and unacked messages stay in the session: the broker resends them to its next connection. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    clearTimeout(this.#retryTimer);
    this.#batcher.stop();
    await this.#batcher.idle();
    await this.#connection.close();
    this.#status.set({ state: 'closed' });
    this.#settings.onClosed();
  }

  #onPublish(packet: IPublishPacket, done: DoneCallback): void {
    const epoch = this.#connection.epoch;
    // QoS 0 has nothing to ack; for QoS 1 the error makes mqtt.js skip its own PUBACK and read on.
    done(packet.qos === 0 ? undefined : PUBACK_DEFERRED);
    if (this.#closing) return;
    this.#batcher.push({ packet, epoch, receivedAt: new Date(), retried: false });
  }

  /** On every connection: (re)subscribe, whether or not the broker kept the session. */
  #subscribe(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    // The broker resends what the previous connection left unacked; our copies could not be acked now.
    this.#batcher.discardBuffered();
    const epoch = this.#connection.epoch;
    // Retain handling 1: retained messages come once, when the subscription is new, not on every resubscribe.
    this.#connection.client.subscribeAsync(this.#settings.subscription, { qos: 1, rh: 1 }).then(
      () => {
        if (epoch !== this.#connection.epoch || this.#closing) return;
        this.#attempt = 0;
        this.#status.connected();
      },
      (err: unknown) => {
        if (epoch === this.#connection.epoch) this.#retrySubscribe(faultOf(err));
      },
    );
  }

  #retrySubscribe(fault: BrokerFault): void {
    if (this.#closing || this.#retryTimer) return;
    this.#status.fault(fault, needsHuman(fault));
    const delay = expBackoff(this.#settings.retryLowMs, this.#settings.retryHighMs, ++this.#attempt);
    this.#retryTimer = setTimeout(() => this.#subscribe(), delay);
  }

  /**
   * ok: PUBACK each message still on its own connection (one that came on an earlier connection is
   * resent by the broker, a duplicate at worst). Not ok: MQTT has no negative ack and resends only on
   * reconnect, so the batch (and what was buffered behind it) goes back into our own queue, in order,
   * PUBACKs still held; the batcher hands it over again after its backoff.
   */
  #settle(batch: readonly RawMqttDelivery[], ok: boolean): void {
    if (!ok) {
      if (this.#closing) return;
      for (const d of batch)
        if (d.epoch === this.#connection.epoch) this.#batcher.push({ ...d, retried: true });
      return;
    }
    const client = this.#connection.client;
    for (const d of batch) {
      if (d.packet.qos === 0 || d.epoch !== this.#connection.epoch || !client.connected) continue;
      sendPuback(client, d.packet.messageId);
    }
  }
}

function sendPuback(client: MqttClient, messageId: number | undefined): void {
  if (messageId === undefined) return;
  try {
    (client as unknown as PacketWriter)._sendPacket({ cmd: 'puback', messageId, reasonCode: 0 });
  } catch {
    // The socket died between the check and the write; the broker resends, a duplicate at worst.
  }
}
