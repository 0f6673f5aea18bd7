import {
  withDefaults as withSharedDefaults,
  type BrokerClientBaseOptions,
  type ResolvedOptions,
} from '../client-options.js';

/**
 * `url` takes the database as its path (redis://host:6379/0); `name` is our CLIENT SETNAME and our
 * consumer name in every group.
 */
export interface RedisClientOptions extends BrokerClientBaseOptions {
  /** How long one XREADGROUP blocks waiting for new entries. Default 2 s. */
  blockMs?: number;
}

export type ResolvedRedisOptions = ResolvedOptions<RedisClientOptions>;

export function withDefaults(options: RedisClientOptions): ResolvedRedisOptions {
  return withSharedDefaults(options, { blockMs: 2000 });
}

/** How long an entry may sit with a consumer that stopped before another claims it, unless declared. */
export const DEFAULT_CLAIM_IDLE_MS = 60_000;

/** The group a consume without a declaration reads with (queue mocks and bridges declare their own). */
export const DEFAULT_GROUP = 'understudy';
