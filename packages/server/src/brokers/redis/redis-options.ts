import type { RetryBounds } from '../backoff.js';

/** Taken as parameters from the composition root; nothing here reads the environment. */
export interface RedisClientOptions {
  /** redis:// or rediss:// URL (with /db); credentials may be in it. */
  url: string;
  username?: string | null;
  password?: string | null;
  /**
   * Our CLIENT SETNAME, and our consumer name in every group: keep it the same across restarts of one
   * Understudy node (so it re-reads its own pending entries) and different between nodes.
   */
  name: string;
  /** First reconnect/retry after about this long (jittered, doubling). Default 1 s. */
  retryLowMs?: number;
  /** Never more than this between attempts. Default 30 s. */
  retryHighMs?: number;
  /** One connection handshake at most this long. Default 10 s. */
  connectTimeoutMs?: number;
  /** How long declare and publish wait for a (re)connection before giving up. Default 10 s. */
  acquireTimeoutMs?: number;
  /** TCP keep-alive probe delay. Default 30 s. */
  heartbeatSeconds?: number;
  /** Publishes awaiting their XADD reply at most. Default 1000. */
  maxInFlight?: number;
  /** How long one XREADGROUP blocks waiting for new entries. Default 2 s. */
  blockMs?: number;
}

export type ResolvedRedisOptions = Required<Omit<RedisClientOptions, 'username' | 'password'>> &
  Pick<RedisClientOptions, 'username' | 'password'> &
  RetryBounds;

export function withDefaults(options: RedisClientOptions): ResolvedRedisOptions {
  return {
    retryLowMs: 1000,
    retryHighMs: 30_000,
    connectTimeoutMs: 10_000,
    acquireTimeoutMs: 10_000,
    heartbeatSeconds: 30,
    maxInFlight: 1000,
    blockMs: 2000,
    ...options,
  };
}

/** How long an entry may sit with a consumer that stopped before another claims it, unless declared. */
export const DEFAULT_CLAIM_IDLE_MS = 60_000;

/** The group a consume without a declaration reads with (the queue mocks' own default too). */
export const DEFAULT_GROUP = 'understudy';
