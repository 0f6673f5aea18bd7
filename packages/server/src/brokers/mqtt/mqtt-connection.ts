import mqtt, { type IConnackPacket, type IPublishPacket, type MqttClient } from 'mqtt';
import type { BrokerFault, BrokerStatus, StatusSource } from '../../core/ports/broker-client.js';
import type { DoneCallback } from 'mqtt';
import type { RetryBounds } from '../../core/retry/backoff.js';
import { ReconnectPacing } from '../../core/retry/reconnect-pacing.js';
import { StatusTracker } from '../status-tracker.js';
import { disconnectFault, faultOf, lostConnection, needsHuman } from './mqtt-faults.js';

export interface MqttConnectionSettings extends RetryBounds {
  url: string;
  username?: string | null;
  password?: string | null;
  clientId: string;
  /** false for a queue mock's persistent session; true for the publisher. */
  clean: boolean;
  sessionExpirySeconds: number;
  /** How many QoS 1 messages the broker may send us unacked (MQTT 5 Receive Maximum). */
  receiveMaximum?: number;
  keepaliveSeconds: number;
  connectTimeoutMs: number;
  /**
   * Takes every incoming PUBLISH instead of mqtt.js. The callback must be called with an error to stop
   * mqtt.js from sending the PUBACK itself (see MqttSessionConsumer); the default never acks.
   */
  onPublish?: (packet: IPublishPacket, done: DoneCallback) => void;
}

/** Passed to mqtt.js's callback to hold the PUBACK back; mqtt.js then just moves to the next packet. */
export const PUBACK_DEFERRED = new Error('PUBACK deferred until the message is stored');

/**
 * One MQTT 5 connection with our status and reconnect policy. mqtt.js reconnects by itself at a fixed
 * `reconnectPeriod`; we turn that into jittered exponential backoff by setting the period for the next
 * attempt after every failure (the slow end when a human must act; see ReconnectPacing for when it
 * starts over), which keeps mqtt.js's own resending of unconfirmed publishes across reconnects. `epoch` counts connections, so a delivery can be acked
 * only on the connection it came on: a PUBACK's packet id means something else on the next one.
 */
export class MqttConnection implements StatusSource {
  readonly client: MqttClient;
  readonly #settings: MqttConnectionSettings;
  readonly #status = new StatusTracker();
  readonly #onConnected = new Set<(connack: IConnackPacket) => void>();
  readonly #pacing: ReconnectPacing;
  #lastFault: BrokerFault | undefined;
  #epoch = 0;
  #closing = false;

  constructor(settings: MqttConnectionSettings) {
    this.#settings = settings;
    this.#pacing = new ReconnectPacing(settings);
    this.client = mqtt.connect(settings.url, {
      clientId: settings.clientId,
      clean: settings.clean,
      protocolVersion: 5,
      properties: {
        sessionExpiryInterval: settings.clean ? 0 : settings.sessionExpirySeconds,
        ...(settings.receiveMaximum ? { receiveMaximum: settings.receiveMaximum } : {}),
      },
      ...(settings.username ? { username: settings.username, password: settings.password ?? '' } : {}),
      keepalive: settings.keepaliveSeconds,
      connectTimeout: settings.connectTimeoutMs,
      reconnectPeriod: this.#pacing.nextDelay(),
      reconnectOnConnackError: true,
      resubscribe: false,
      manualConnect: true,
    });
    const onPublish = settings.onPublish ?? ((_packet, done) => done(PUBACK_DEFERRED));
    this.client.handleMessage = onPublish;
    this.client.on('connect', (connack) => this.#connected(connack));
    this.client.on('error', (err) => this.#record(faultOf(err)));
    // The broker says why it ends a connection (session taken over, shutting down) in a DISCONNECT.
    this.client.on('disconnect', (packet) => {
      const reason = packet.reasonCode ?? 0;
      if (reason !== 0) this.#record(disconnectFault(reason, settings.clientId));
    });
    this.client.on('close', () => this.#closed());
  }

  get status(): BrokerStatus {
    return this.#status.status;
  }

  onStatusChange(listener: (status: BrokerStatus) => void): () => void {
    return this.#status.onStatusChange(listener);
  }

  /** Calls `listener` after every CONNACK that accepted us. */
  onConnected(listener: (connack: IConnackPacket) => void): () => void {
    this.#onConnected.add(listener);
    return () => this.#onConnected.delete(listener);
  }

  /** Which connection this is (1, 2, …); a delivery may be acked only while it is unchanged. */
  get epoch(): number {
    return this.#epoch;
  }

  start(): void {
    this.client.connect();
  }

  /** A normal DISCONNECT: a persistent session stays on the broker with its unacked messages. */
  async close(): Promise<void> {
    this.#closing = true;
    await this.client.endAsync(!this.client.connected).catch(() => {});
    this.#status.set({ state: 'closed' });
  }

  #connected(connack: IConnackPacket): void {
    this.#epoch += 1;
    this.#pacing.connected();
    this.#lastFault = undefined;
    this.#status.connected();
    for (const listener of this.#onConnected) {
      try {
        listener(connack);
      } catch {
        // A listener's bug must not stop the others; listeners own their error handling.
      }
    }
  }

  /** The reason of a failure, as soon as it is known; a refusal a human must fix slows the retries at once. */
  #record(fault: BrokerFault): void {
    if (this.#closing) return;
    this.#lastFault = fault;
    this.#status.fault(fault, needsHuman(fault));
    // mqtt.js schedules the retry after a refused CONNACK right after emitting the error.
    if (needsHuman(fault)) this.client.options.reconnectPeriod = this.#settings.retryHighMs;
  }

  /** Every attempt and every connection ends here; mqtt.js reads the period for its next attempt after this. */
  #closed(): void {
    if (this.#closing) return;
    const fault = this.#lastFault ?? lostConnection();
    this.#record(fault);
    this.client.options.reconnectPeriod = this.#pacing.nextDelay(needsHuman(fault));
  }
}
