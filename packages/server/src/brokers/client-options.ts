import type { RetryBounds } from '../core/retry/backoff.js';

/**
 * What the NATS, MQTT and Redis adapters all take (RabbitMQ's carries its credentials in the URL).
 * Taken as parameters from the composition root; nothing here reads the environment.
 */
export interface BrokerClientBaseOptions {
  /** The broker's URL (nats://, mqtt(s)://, ws(s)://, redis(s)://); credentials may be in it. */
  url: string;
  username?: string | null;
  password?: string | null;
  /**
   * This node's name on the broker: its connection name, and the root of its per-node consumer names
   * (MQTT share-group sessions, Redis consumers). Keep it the same across restarts of one Understudy
   * node (so the node finds its own unacked messages again) and different between nodes.
   */
  name: string;
  /**
   * This Understudy node's id (--node-id), in the per-node names that are not derived from `name`
   * (MQTT share-group sessions: `<group>-<node id>`). Defaults to `name`.
   */
  nodeId?: string;
  /** First reconnect/retry after about this long (jittered, doubling). Default 1 s. */
  retryLowMs?: number;
  /** Never more than this between attempts. Default 30 s. */
  retryHighMs?: number;
  /** One connection handshake at most this long. Default 10 s. */
  connectTimeoutMs?: number;
  /** How long declare and publish wait for a (re)connection before giving up. Default 10 s. */
  acquireTimeoutMs?: number;
  /** How often a quiet connection is checked (NATS ping, MQTT keep alive, TCP keep-alive). Default 30 s. */
  heartbeatSeconds?: number;
  /** Publishes awaiting the broker's answer (PubAck, PUBACK, XADD reply) at most. Default 1000. */
  maxInFlight?: number;
}

const BASE_DEFAULTS: Required<
  Omit<BrokerClientBaseOptions, 'url' | 'username' | 'password' | 'name' | 'nodeId'>
> = {
  retryLowMs: 1000,
  retryHighMs: 30_000,
  connectTimeoutMs: 10_000,
  acquireTimeoutMs: 10_000,
  heartbeatSeconds: 30,
  maxInFlight: 1000,
};

/** A kind's options with every default filled in; only the credentials stay optional. */
export type ResolvedOptions<O extends BrokerClientBaseOptions> = Required<Omit<O, 'username' | 'password'>> &
  Pick<O, 'username' | 'password'> &
  RetryBounds;

/** The defaults of the options only one kind has. */
export type KindDefaults<O extends BrokerClientBaseOptions> = Required<
  Omit<O, keyof BrokerClientBaseOptions>
>;

/** Fills in the shared defaults, then the kind's own; what the caller gave wins. */
export function withDefaults<O extends BrokerClientBaseOptions>(
  options: O,
  kindDefaults: KindDefaults<O>,
): ResolvedOptions<O> {
  const nodeId = options.nodeId ?? options.name;
  return { ...BASE_DEFAULTS, ...kindDefaults, ...options, nodeId } as ResolvedOptions<O>;
}
