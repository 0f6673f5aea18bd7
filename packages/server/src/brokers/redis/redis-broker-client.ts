import type {
  BatchHandler,
  BrokerClient,
  BrokerStatus,
  ConsumeOptions,
  DeclareOptions,
  OutgoingMessage,
  PublishOptions,
  PublishReceipt,
  RedisDeclareOptions,
  Subscription,
} from '../../core/ports/broker-client.js';
import { checkConsumeOptions, invalidOption, readerOf } from '../consume-options.js';
import { InFlightWindow } from '../in-flight-window.js';
import { firstSettled } from '../usable-connection.js';
import { RedisConnection, type RedisConnectionSettings } from './redis-connection.js';
import { toEntryFields } from './redis-entry-mapping.js';
import { toBrokerError } from './redis-faults.js';
import { RedisGroupReader } from './redis-group-reader.js';
import {
  DEFAULT_CLAIM_IDLE_MS,
  DEFAULT_GROUP,
  withDefaults,
  type RedisClientOptions,
  type ResolvedRedisOptions,
} from './redis-options.js';
import { addEntry, checkGroup, createGroup, destroyGroup } from './redis-streams.js';

/** COUNT has no protocol limit; the API caps every kind alike. */
const MAX_PREFETCH = 65_535;

function checkKey(path: string, value: string): void {
  if (value === '' || Buffer.byteLength(value) > 1024) throw invalidOption(path, 'must be 1 to 1024 bytes');
}

/**
 * The Redis Streams adapter of the BrokerClient port. A target is a stream key; a queue mock is a
 * consumer group on it, read by this client under its own name. One connection for commands (XADD,
 * XACK, XGROUP, XAUTOCLAIM) plus one per queue mock, because a blocking XREADGROUP holds its connection.
 */
export class RedisBrokerClient implements BrokerClient {
  readonly kind = 'redis';
  readonly #options: ResolvedRedisOptions;
  readonly #commands: RedisConnection;
  readonly #window: InFlightWindow;
  readonly #declarations = new Map<string, RedisDeclareOptions>();
  readonly #subscriptions = new Set<RedisGroupReader>();
  #firstAttempt: Promise<BrokerStatus> | undefined;

  constructor(options: RedisClientOptions) {
    this.#options = withDefaults(options);
    this.#commands = new RedisConnection(this.#connectionSettings(this.#options.name));
    this.#window = new InFlightWindow(this.#options.maxInFlight);
    let wasDown = false;
    this.#commands.onStatusChange((status) => {
      if (status.state === 'connected' && wasDown) void this.#redeclareRemembered();
      wasDown = status.state === 'reconnecting' || status.state === 'failed';
    });
  }

  get status(): BrokerStatus {
    return this.#commands.status;
  }

  onStatusChange(listener: (status: BrokerStatus) => void): () => void {
    return this.#commands.onStatusChange(listener);
  }

  connect(): Promise<BrokerStatus> {
    if (!this.#firstAttempt) {
      this.#firstAttempt = firstSettled(this.#commands);
      this.#commands.start();
    }
    return this.#firstAttempt;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.close()));
    await this.#window.drained();
    await this.#commands.close();
  }

  async declare(target: string, options: DeclareOptions): Promise<void> {
    if (options.kind !== 'redis') throw invalidOption('/kind', `expected redis, got ${options.kind}`);
    checkKey('/queue', target);
    checkKey('/group', options.group);
    await this.#command(`declaring ${target}`, (connection) =>
      createGroup(connection.redis, target, options.group, '$', options.create),
    );
    this.#declarations.set(target, options);
  }

  consume(target: string, handler: BatchHandler, options: ConsumeOptions): Subscription {
    const checked = checkConsumeOptions(options, MAX_PREFETCH);
    checkKey('/queue', target);
    // Taken now, not when the group must be re-created: a later declaration of the stream with another
    // group (a bridge on a queue mock's stream) must not move this reader to that group.
    const declaration = readerOf('redis', options, this.#declarations.get(target));
    const group = declaration?.group ?? DEFAULT_GROUP;
    const o = this.#options;
    const reader = new RedisGroupReader(handler, {
      ...checked,
      stream: target,
      group,
      consumer: this.#consumerName(target, group),
      claimIdleMs: declaration?.claimIdleMs ?? DEFAULT_CLAIM_IDLE_MS,
      blockMs: o.blockMs,
      acquireTimeoutMs: o.acquireTimeoutMs,
      retryLowMs: o.retryLowMs,
      retryHighMs: o.retryHighMs,
      reader: this.#connectionSettings(`${o.name}:reader`),
      commands: this.#commands,
      recreateGroup: () => this.#recreateGroup(target, group, declaration),
      onClosed: () => this.#subscriptions.delete(reader),
    });
    this.#subscriptions.add(reader);
    reader.start();
    return reader;
  }

  /**
   * XADD, resolving with the entry id once Redis replied. Redis creates a missing stream on XADD, so
   * nothing is unroutable here; the receipt's message id is the caller's, else the entry id.
   */
  async publish(target: string, message: OutgoingMessage, options?: PublishOptions): Promise<PublishReceipt> {
    if (options) throw invalidOption('/kind', `redis takes no ${options.kind} publish options`);
    checkKey('/queue', target);
    await this.#window.acquire();
    try {
      const id = await this.#command(`publishing to ${target}`, (c) =>
        addEntry(c.redis, target, toEntryFields(message)),
      );
      return { messageId: message.properties?.messageId ?? id, sequence: id };
    } finally {
      this.#window.release();
    }
  }

  /**
   * Deletes the declaration's consumer group (its pending list and consumer names with it), which is
   * the reader's own; the stream and other groups stay. This client's readers of the group stop first.
   */
  async deleteReader(target: string, options: DeclareOptions): Promise<void> {
    if (options.kind !== 'redis') throw invalidOption('/kind', `expected redis, got ${options.kind}`);
    checkKey('/queue', target);
    checkKey('/group', options.group);
    if (this.#declarations.get(target)?.group === options.group) this.#declarations.delete(target);
    const readers = [...this.#subscriptions].filter((s) => s.target === target && s.group === options.group);
    await Promise.all(readers.map((s) => s.close()));
    await this.#command(`deleting group ${options.group} of ${target}`, (c) =>
      destroyGroup(c.redis, target, options.group),
    );
  }

  /** Deletes the stream key, and with it every group on it. */
  async deleteQueue(target: string): Promise<void> {
    checkKey('/queue', target);
    this.#declarations.delete(target);
    await this.#command(`deleting ${target}`, (c) => c.redis.call('DEL', target));
  }

  #connectionSettings(connectionName: string): RedisConnectionSettings {
    const o = this.#options;
    return {
      url: o.url,
      username: o.username,
      password: o.password,
      connectionName,
      connectTimeoutMs: o.connectTimeoutMs,
      keepAliveMs: o.heartbeatSeconds * 1000,
      retryLowMs: o.retryLowMs,
      retryHighMs: o.retryHighMs,
    };
  }

  /**
   * The client's name, unique per node and the same after a restart (it holds the node id): a node
   * reads each group under its own name and finds its pending entries again. A second reader of one
   * stream and group on this client gets a numbered one, so each re-reads only its own pending entries.
   */
  #consumerName(stream: string, group: string): string {
    const taken = new Set(
      [...this.#subscriptions].filter((s) => s.target === stream && s.group === group).map((s) => s.consumer),
    );
    let name = this.#options.name;
    for (let n = 2; taken.has(name); n += 1) name = `${this.#options.name}#${n}`;
    return name;
  }

  /**
   * A declared group that vanished (a Redis restart that kept nothing, a deleted key) is created again,
   * with its stream only when the declaration says create; from ID 0, so entries added since are read
   * rather than skipped. Undeclared, the group must exist.
   */
  async #recreateGroup(target: string, group: string, declaration?: RedisDeclareOptions): Promise<void> {
    if (!declaration) return checkGroup(this.#commands.redis, target, group);
    await createGroup(this.#commands.redis, target, group, '0', declaration.create);
  }

  /** After a reconnect: the server may have lost everything (no persistence); groups come back from ID 0. */
  async #redeclareRemembered(): Promise<void> {
    for (const [target, declaration] of this.#declarations) {
      const { group, create } = declaration;
      await createGroup(this.#commands.redis, target, group, '0', create).catch(() => {});
    }
  }

  async #command<T>(action: string, work: (connection: RedisConnection) => Promise<T>): Promise<T> {
    try {
      await this.#commands.usable(action, this.#options.acquireTimeoutMs);
      return await work(this.#commands);
    } catch (err) {
      throw toBrokerError(err, action);
    }
  }
}
