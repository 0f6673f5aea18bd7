import type { ConnectionOptions } from '@nats-io/transport-node';
import type { RetryBounds } from '../backoff.js';

/** Taken as parameters from the composition root; nothing here reads the environment. */
export interface NatsClientOptions {
  /** nats://host:port, or several comma-separated for a cluster; credentials may be in the URL. */
  url: string;
  username?: string | null;
  password?: string | null;
  /** Shown by the server as the connection name (and how operators find our connection). */
  name: string;
  /** First reconnect/retry after about this long (jittered, doubling). Default 1 s. */
  retryLowMs?: number;
  /** Never more than this between attempts. Default 30 s. */
  retryHighMs?: number;
  /** One connection handshake at most this long. Default 10 s. */
  connectTimeoutMs?: number;
  /** How long declare and publish wait for a (re)connection before giving up. Default 10 s. */
  acquireTimeoutMs?: number;
  /** Client ping interval, so a dead server is noticed. Default 30 s. */
  heartbeatSeconds?: number;
  /** Publishes awaiting their PubAck at most. Default 1000. */
  maxInFlight?: number;
  /** A publish with no PubAck after this long is reported unknown (503). Default 30 s. */
  confirmTimeoutMs?: number;
  /** JetStream redelivers a message not acked this long after delivery. Default 30 s. */
  ackWaitMs?: number;
  /** Each pull request lives at most this long; idle heartbeats come at half of it. Default 10 s. */
  pullExpiresMs?: number;
}

export type ResolvedNatsOptions = Required<Omit<NatsClientOptions, 'username' | 'password'>> &
  Pick<NatsClientOptions, 'username' | 'password'> &
  RetryBounds;

export function withDefaults(options: NatsClientOptions): ResolvedNatsOptions {
  return {
    retryLowMs: 1000,
    retryHighMs: 30_000,
    connectTimeoutMs: 10_000,
    acquireTimeoutMs: 10_000,
    heartbeatSeconds: 30,
    maxInFlight: 1000,
    confirmTimeoutMs: 30_000,
    ackWaitMs: 30_000,
    pullExpiresMs: 10_000,
    ...options,
  };
}

/**
 * The nats.js connection options. Reconnecting is left to nats.js (it re-subscribes by itself), with
 * our jittered delay and without its cap on attempts; `delay` decides each wait.
 */
export function connectionOptions(o: ResolvedNatsOptions, delay: () => number): ConnectionOptions {
  const servers = o.url.split(',').map((s) => s.trim());
  return {
    servers,
    name: o.name,
    ...(o.username ? { user: o.username, pass: o.password ?? '' } : {}),
    timeout: o.connectTimeoutMs,
    pingInterval: o.heartbeatSeconds * 1000,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectDelayHandler: delay,
    // Refused credentials are reported as `failed` and retried at the slow end, rather than given up.
    ignoreAuthErrorAbort: true,
  };
}
