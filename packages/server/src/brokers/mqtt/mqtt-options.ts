import type { RetryBounds } from '../backoff.js';

/** Taken as parameters from the composition root; nothing here reads the environment. */
export interface MqttClientOptions {
  /** mqtt://, mqtts://, ws:// or wss:// URL; credentials may be in it. */
  url: string;
  username?: string | null;
  password?: string | null;
  /** Prefix of our client ids (the publisher's, and sessions without a sessionId of their own). */
  name: string;
  /** First reconnect/retry after about this long (jittered, doubling). Default 1 s. */
  retryLowMs?: number;
  /** Never more than this between attempts. Default 30 s. */
  retryHighMs?: number;
  /** One CONNECT/CONNACK handshake at most this long. Default 10 s. */
  connectTimeoutMs?: number;
  /** How long declare and publish wait for a (re)connection before giving up. Default 10 s. */
  acquireTimeoutMs?: number;
  /** MQTT keep alive. Default 30 s. */
  heartbeatSeconds?: number;
  /** Publishes awaiting their PUBACK at most. Default 1000. */
  maxInFlight?: number;
  /** A publish with no PUBACK after this long is reported unknown (503). Default 30 s. */
  confirmTimeoutMs?: number;
  /**
   * How long the broker keeps a queue mock's session (and queues messages for it) while no Understudy
   * node is connected to it. Default 7 days.
   */
  sessionExpirySeconds?: number;
}

export type ResolvedMqttOptions = Required<Omit<MqttClientOptions, 'username' | 'password'>> &
  Pick<MqttClientOptions, 'username' | 'password'> &
  RetryBounds;

export function withDefaults(options: MqttClientOptions): ResolvedMqttOptions {
  return {
    retryLowMs: 1000,
    retryHighMs: 30_000,
    connectTimeoutMs: 10_000,
    acquireTimeoutMs: 10_000,
    heartbeatSeconds: 30,
    maxInFlight: 1000,
    confirmTimeoutMs: 30_000,
    sessionExpirySeconds: 7 * 24 * 3600,
    ...options,
  };
}
