import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Logger } from 'pino';
import { expBackoff } from '../core/retry/backoff.js';
import { ReconnectPacing } from '../core/retry/reconnect-pacing.js';
import type { ChangeFeed, ChangeSubscriber, ConfigChange } from '../core/ports/index.js';

export const CHANGE_CHANNEL = 'understudy_changes';
/** Beyond this many changes heard before the first subscriber, it resyncs instead. */
const EARLY_LIMIT = 1000;
const TOPICS = new Set(['service', 'stub', 'queue', 'bridge', 'broker']);

/** Anything that runs a query: the store's pool, so publishing never waits on the LISTEN connection. */
export interface Queryable {
  query(text: string, values: unknown[]): Promise<unknown>;
}

export interface PostgresChangeFeedOptions {
  url: string;
  nodeId: string;
  publisher: Queryable;
  log: Logger;
  retryLowMs?: number;
  retryHighMs?: number;
}

/** The LISTEN connection's application_name, so it can be found in pg_stat_activity. */
export const listenerName = (nodeId: string) => `understudy-changes-${nodeId}`;

function parseChange(payload: string | undefined): ConfigChange | undefined {
  try {
    const value = JSON.parse(payload ?? '') as Partial<ConfigChange>;
    const { topic, key, origin } = value;
    if (typeof topic !== 'string' || !TOPICS.has(topic)) return undefined;
    if (typeof key !== 'string' || typeof origin !== 'string') return undefined;
    return { topic: topic as ConfigChange['topic'], key, origin };
  } catch {
    return undefined;
  }
}

/**
 * Config changes over PostgreSQL LISTEN/NOTIFY: one dedicated connection listens; publishing goes
 * through the pool with pg_notify, which PostgreSQL delivers only when that statement commits. A
 * notification sent while the listener is disconnected is lost, so after every reconnect subscribers
 * are told to resync.
 */
export class PostgresChangeFeed implements ChangeFeed {
  readonly #subscribers = new Set<ChangeSubscriber>();
  readonly #pacing: ReconnectPacing;
  /** Heard before anyone subscribed (the node was still loading), handed to the first subscriber. */
  #early: ConfigChange[] | null = [];
  /** Reconnected before anyone subscribed: the first subscriber resyncs. */
  #earlyResync = false;
  #client: pg.Client | null = null;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #failing = false;

  private constructor(private readonly options: PostgresChangeFeedOptions) {
    this.#pacing = new ReconnectPacing({
      retryLowMs: options.retryLowMs ?? 200,
      retryHighMs: options.retryHighMs ?? 10_000,
    });
  }

  /** Listening once it resolves (or retrying in the background when the first attempt failed). */
  static async start(options: PostgresChangeFeedOptions): Promise<PostgresChangeFeed> {
    const feed = new PostgresChangeFeed(options);
    await feed.#connect(false);
    return feed;
  }

  async publish(change: Omit<ConfigChange, 'origin'>): Promise<void> {
    const payload = JSON.stringify({ ...change, origin: this.options.nodeId });
    if (await this.#notify(payload)) return;
    // The change itself is committed, so the caller goes on; the announcement is retried in the
    // background (late is fine: other nodes reload from the store) until it goes out or we close.
    this.options.log.error({ change }, 'could not announce a config change to other nodes; retrying');
    void this.#retryNotify(payload);
  }

  async #notify(payload: string): Promise<boolean> {
    try {
      await this.options.publisher.query('select pg_notify($1, $2)', [CHANGE_CHANNEL, payload]);
      return true;
    } catch {
      return false;
    }
  }

  async #retryNotify(payload: string): Promise<void> {
    const low = this.options.retryLowMs ?? 200;
    const high = this.options.retryHighMs ?? 10_000;
    for (let attempt = 1; !this.#closed; attempt++) {
      await sleep(expBackoff(low, high, attempt));
      if (this.#closed || (await this.#notify(payload))) return;
    }
  }

  subscribe(subscriber: ChangeSubscriber): () => void {
    this.#subscribers.add(subscriber);
    const early = this.#early ?? [];
    this.#early = null;
    if (this.#earlyResync || early.length > EARLY_LIMIT) subscriber.resync();
    else for (const change of early) subscriber.changed(change);
    return () => this.#subscribers.delete(subscriber);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  async #connect(isReconnect: boolean): Promise<void> {
    const { url, nodeId, log } = this.options;
    const client = new pg.Client({ connectionString: url, application_name: listenerName(nodeId) });
    client.on('notification', (message) => this.#deliver(message.payload));
    // Either event may come (or both): the first one for the current client schedules the reconnect.
    client.on('error', (error) => this.#dropped(client, error));
    client.on('end', () => this.#dropped(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${CHANGE_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      this.#retry(error);
      return;
    }
    if (this.#closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
    this.#pacing.connected();
    if (this.#failing) log.info('config change feed listening again');
    this.#failing = false;
    // Only after LISTEN is active, so a change made during the resync is still heard.
    if (!isReconnect) return;
    if (this.#early) this.#earlyResync = true;
    for (const subscriber of this.#subscribers) subscriber.resync();
  }

  #dropped(client: pg.Client, error: unknown): void {
    if (this.#client !== client) return;
    this.#client = null;
    void client.end().catch(() => undefined);
    this.#retry(error);
  }

  #retry(error: unknown): void {
    if (this.#closed) return;
    // Log the first failure of a streak only: the retries would repeat it every few seconds.
    if (!this.#failing) {
      this.options.log.warn({ err: error }, 'config change feed lost its connection; reconnecting');
    }
    this.#failing = true;
    this.#timer = setTimeout(() => void this.#connect(true), this.#pacing.nextDelay());
  }

  #deliver(payload: string | undefined): void {
    const change = parseChange(payload);
    if (!change) {
      this.options.log.warn({ payload }, 'ignored a malformed config change notification');
      return;
    }
    if (change.origin === this.options.nodeId) return;
    if (this.#early && this.#early.length <= EARLY_LIMIT) this.#early.push(change);
    for (const subscriber of this.#subscribers) subscriber.changed(change);
  }
}
