import { randomUUID } from 'node:crypto';
import type { BridgeCreate, BridgePatch } from '@understudy/contracts';
import { assertCanChange, type Actor } from '../../core/auth/actor.js';
import type {
  BridgeRecord,
  BridgeStore,
  BrokerKind,
  BrokerStore,
  Clock,
  HandlerRunner,
  MapperSettings,
} from '../../core/ports/index.js';
import { checkEndpoints } from '../../core/bridging/bridge-checks.js';
import { DEFAULT_CONCURRENCY } from '../../core/bridging/bridge-defaults.js';
import { BridgeExistsError, BridgeNotFoundError } from '../../core/bridging/bridge-errors.js';
import { DEFAULT_RETRY } from '../../core/bridging/retry-policy.js';
import { BrokerNotFoundError } from '../../core/queues/queue-errors.js';
import type { BridgeCounters } from './bridge-counters.js';
import type { BridgeHops } from './bridge-hops.js';
import type { BridgeRunners } from './bridge-runners.js';
import { checkMapper } from './mappers.js';

export interface BridgeCatalogDeps {
  bridges: BridgeStore;
  brokers: BrokerStore;
  handlers: HandlerRunner;
  runners: BridgeRunners;
  counters: BridgeCounters;
  hops: BridgeHops;
  clock: Clock;
}

/** Bridges: checked when saved (endpoints, mapper code), run at once, changed and paused live. */
export class BridgeCatalog {
  constructor(private readonly deps: BridgeCatalogDeps) {}

  list(): Promise<BridgeRecord[]> {
    return this.deps.bridges.list();
  }

  async get(id: string): Promise<BridgeRecord> {
    const bridge = await this.deps.bridges.get(id);
    if (!bridge) throw new BridgeNotFoundError(id);
    return bridge;
  }

  async create(actor: Actor, input: BridgeCreate): Promise<BridgeRecord> {
    const now = this.deps.clock.now();
    const record: BridgeRecord = {
      id: randomUUID(),
      name: input.name,
      in: { broker: input.in.broker, queue: input.in.queue, create: input.in.create ?? false },
      out: input.out,
      mapper: input.mapper as MapperSettings,
      concurrency: input.concurrency ?? DEFAULT_CONCURRENCY,
      enabled: input.enabled ?? true,
      retry: input.retry ?? { ...DEFAULT_RETRY },
      ownerId: actor.id,
      createdAt: now,
      updatedAt: now,
    };
    await this.#check(record, true);
    const created = await this.deps.bridges.create(record);
    if (created === 'taken') throw new BridgeExistsError(record.name);
    if (created === 'no-broker') throw new BrokerNotFoundError(record.in.broker, '/body/in/broker');
    this.deps.runners.start(created);
    return created;
  }

  /** Any change restarts the bridge's runner; the batch in hand settles first, so nothing is lost. */
  async update(actor: Actor, id: string, patch: BridgePatch): Promise<BridgeRecord> {
    const current = await this.get(id);
    assertCanChange(actor, current.ownerId, `bridge "${current.name}"`);
    const next: BridgeRecord = {
      ...current,
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.in && { in: { ...patch.in, create: patch.in.create ?? false } }),
      ...(patch.out && { out: patch.out }),
      ...(patch.mapper && { mapper: patch.mapper as MapperSettings }),
      ...(patch.concurrency !== undefined && { concurrency: patch.concurrency }),
      ...(patch.enabled !== undefined && { enabled: patch.enabled }),
      ...(patch.retry && { retry: patch.retry }),
      updatedAt: Math.max(this.deps.clock.now(), current.updatedAt + 1),
    };
    await this.#check(next, patch.mapper !== undefined);
    const updated = await this.deps.bridges.update(next);
    if (updated === undefined) throw new BridgeNotFoundError(id);
    if (updated === 'taken') throw new BridgeExistsError(next.name);
    if (updated === 'no-broker') throw new BrokerNotFoundError(next.in.broker, '/body/in/broker');
    await this.deps.runners.replace(updated);
    return updated;
  }

  /**
   * The row goes before IN's consumer state: its deletion is announced to other nodes, which stop
   * their runners, and a runner of theirs that loses IN meanwhile finds the bridge gone instead of
   * setting IN up again.
   */
  async delete(actor: Actor, id: string): Promise<void> {
    const current = await this.get(id);
    assertCanChange(actor, current.ownerId, `bridge "${current.name}"`);
    await this.deps.runners.stop(id);
    await this.deps.bridges.delete(id);
    this.deps.counters.forget(id);
    this.deps.hops.forget(id);
    await this.deps.runners.deleteReader(current);
  }

  async #check(bridge: BridgeRecord, mapperChanged: boolean): Promise<void> {
    const kinds = {
      in: await this.#kind(bridge.in.broker, 'in'),
      out: await this.#kind(bridge.out.broker, 'out'),
    };
    checkEndpoints(bridge.in, bridge.out, kinds);
    if (mapperChanged) await checkMapper(bridge.mapper, '/body/mapper', this.deps.handlers);
  }

  async #kind(broker: string, end: 'in' | 'out'): Promise<BrokerKind> {
    const record = await this.deps.brokers.get(broker);
    if (!record) throw new BrokerNotFoundError(broker, `/body/${end}/broker`);
    return record.kind;
  }
}
