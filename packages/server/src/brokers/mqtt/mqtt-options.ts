import {
  withDefaults as withSharedDefaults,
  type BrokerClientBaseOptions,
  type ResolvedOptions,
} from '../client-options.js';

/**
 * `name` prefixes the publisher's client id (plus a random part); `nodeId` ends those of share-group
 * sessions declared without a sessionId of their own (`<group>-<node id>`, hence it must survive restarts).
 */
export interface MqttClientOptions extends BrokerClientBaseOptions {
  /** A publish with no PUBACK after this long is reported unknown (503). Default 30 s. */
  confirmTimeoutMs?: number;
  /**
   * How long the broker keeps a queue mock's session (and queues messages for it) while no Understudy
   * node is connected to it. Default 7 days.
   */
  sessionExpirySeconds?: number;
}

export type ResolvedMqttOptions = ResolvedOptions<MqttClientOptions>;

export function withDefaults(options: MqttClientOptions): ResolvedMqttOptions {
  return withSharedDefaults(options, { confirmTimeoutMs: 30_000, sessionExpirySeconds: 7 * 24 * 3600 });
}
