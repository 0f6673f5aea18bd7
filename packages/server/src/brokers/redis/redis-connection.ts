import { Redis } from 'ioredis';
import type { BrokerFault, BrokerStatus, StatusSource } from '../../core/ports/broker-client.js';
import { expBackoff, type RetryBounds } from '../../core/retry/backoff.js';
import { StatusTracker } from '../status-tracker.js';
import { whenUsable } from '../usable-connection.js';
import { faultOf, needsHuman } from './redis-faults.js';

export interface RedisConnectionSettings extends RetryBounds {
  url: string;
  username?: string | null;
  password?: string | null;
  /** CLIENT SETNAME: how operators (and the fault tests) find this connection in CLIENT LIST. */
  connectionName: string;
  connectTimeoutMs: number;
  keepAliveMs: number;
}

/**
 * One ioredis connection with our status and reconnect policy. ioredis reconnects by itself; its
 * `retryStrategy` gives our jittered backoff (the slow end when a human must act). Commands are never
 * queued while disconnected nor resent after a reconnect: callers wait for the connection themselves
 * (`whenUsable`) and see a command that was on the wire fail at once, since only they know whether
 * sending it again is safe (an XADD is not).
 */
export class RedisConnection implements StatusSource {
  readonly redis: Redis;
  readonly #settings: RedisConnectionSettings;
  readonly #status = new StatusTracker();
  #lastFault: BrokerFault | undefined;
  #closing = false;

  constructor(settings: RedisConnectionSettings) {
    this.#settings = settings;
    this.redis = new Redis(settings.url, {
      ...(settings.username ? { username: settings.username } : {}),
      ...(settings.password ? { password: settings.password } : {}),
      connectionName: settings.connectionName,
      connectTimeout: settings.connectTimeoutMs,
      keepAlive: settings.keepAliveMs,
      lazyConnect: true,
      // RESP2 keeps XREADGROUP replies as nested arrays, the shape the parsers expect.
      protocol: 2,
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      // 0: a command in flight when the connection drops is rejected then, not held for ever.
      maxRetriesPerRequest: 0,
      disableClientInfo: true,
      retryStrategy: (times) => this.#delay(times),
    });
    this.redis.on('ready', () => {
      this.#lastFault = undefined;
      this.#status.connected();
    });
    this.redis.on('error', (err: unknown) => this.#record(faultOf(err)));
    this.redis.on('close', () => this.#record(this.#lastFault ?? lostConnection()));
  }

  get status(): BrokerStatus {
    return this.#status.status;
  }

  onStatusChange(listener: (status: BrokerStatus) => void): () => void {
    return this.#status.onStatusChange(listener);
  }

  /**
   * Resolves once commands can be sent (see whenUsable). ioredis knows a connection is gone before it
   * says so (the socket stops being writable a turn or more before its 'close') and meanwhile refuses
   * commands at once; asking first keeps callers from spinning on those instant refusals (seen: 20
   * publish loops starving the event loop) instead of waiting for the reconnect.
   */
  usable(action: string, timeoutMs: number): Promise<void> {
    const writable = this.redis.status === 'ready' && this.redis.stream?.writable === true;
    if (this.#status.status.state === 'connected' && !writable) this.#record(lostConnection());
    return whenUsable(this, action, timeoutMs);
  }

  start(): void {
    // Failures arrive as events (and are retried by ioredis); the promise adds nothing.
    this.redis.connect().catch(() => {});
  }

  async close(): Promise<void> {
    this.#closing = true;
    this.redis.disconnect(false);
    this.#status.set({ state: 'closed' });
  }

  #record(fault: BrokerFault): void {
    if (this.#closing) return;
    this.#lastFault = fault;
    this.#status.fault(fault, needsHuman(fault));
  }

  #delay(times: number): number {
    const { retryLowMs, retryHighMs } = this.#settings;
    if (this.#lastFault && needsHuman(this.#lastFault)) return retryHighMs;
    return expBackoff(retryLowMs, retryHighMs, times);
  }
}

function lostConnection(): BrokerFault {
  return { code: 'CONNECTION_LOST', message: 'the connection to Redis closed', at: new Date() };
}
