import type { ConnectionOptions } from '@nats-io/transport-node';
import {
  withDefaults as withSharedDefaults,
  type BrokerClientBaseOptions,
  type ResolvedOptions,
} from '../client-options.js';

/**
 * `url` may list several servers, comma-separated (a cluster); `name` is the connection name the server
 * shows (how operators find our connection).
 */
export interface NatsClientOptions extends BrokerClientBaseOptions {
  /** A publish with no PubAck after this long is reported unknown (503). Default 30 s. */
  confirmTimeoutMs?: number;
  /** JetStream redelivers a message not acked this long after delivery. Default 30 s. */
  ackWaitMs?: number;
  /** Each pull request lives at most this long; idle heartbeats come at half of it. Default 10 s. */
  pullExpiresMs?: number;
}

export type ResolvedNatsOptions = ResolvedOptions<NatsClientOptions>;

export function withDefaults(options: NatsClientOptions): ResolvedNatsOptions {
  return withSharedDefaults(options, { confirmTimeoutMs: 30_000, ackWaitMs: 30_000, pullExpiresMs: 10_000 });
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
