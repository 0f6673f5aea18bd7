import type { Logger } from 'pino';
import type {
  BridgeCounts,
  BridgeStore,
  BrokerStore,
  Clock,
  DeadLetterStore,
  HandlerRunner,
} from '../../core/ports/index.js';
import type { BrokerConnections } from '../queues/broker-connections.js';
import { BridgeCatalog } from './bridge-catalog.js';
import { BridgeCounters } from './bridge-counters.js';
import { BridgeHops } from './bridge-hops.js';
import { BridgeRunners } from './bridge-runners.js';
import type { RunnerStatus } from './bridge-state.js';
import { DeadLetters } from './dead-letters.js';

export interface BridgesDeps {
  stores: { bridges: BridgeStore; brokers: BrokerStore; deadLetters: DeadLetterStore };
  /** The brokers' connections, shared with queue mocks: still one connection per broker. */
  connections: BrokerConnections;
  handlers: HandlerRunner;
  clock: Clock;
  log: Logger;
}

export type BridgeStats = BridgeCounts & { inFlight: number; deadLetters: number };

/**
 * Bridges as one unit with a lifecycle: `start` resumes every stored bridge in the background (a
 * broker that is down must not delay listening); `close` stops them (batches in hand settle) and
 * writes the last counts.
 */
export class Bridges {
  readonly counters: BridgeCounters;
  readonly hops = new BridgeHops();
  readonly runners: BridgeRunners;
  readonly catalog: BridgeCatalog;
  readonly deadLetters: DeadLetters;

  private constructor(private readonly deps: BridgesDeps) {
    const { stores, connections, handlers, clock, log } = deps;
    this.counters = new BridgeCounters(stores.bridges, log);
    const { counters, hops } = this;
    this.runners = new BridgeRunners({
      connections,
      handlers,
      deadLetters: stores.deadLetters,
      hops,
      counters,
      clock,
      log,
      isStored: async (id) => (await stores.bridges.get(id)) !== undefined,
    });
    const runners = this.runners;
    this.catalog = new BridgeCatalog({
      bridges: stores.bridges,
      brokers: stores.brokers,
      handlers,
      runners,
      counters,
      hops,
      clock,
    });
    this.deadLetters = new DeadLetters({
      catalog: this.catalog,
      store: stores.deadLetters,
      runners,
      connections,
      counters,
      hops,
      clock,
    });
  }

  static async start(deps: BridgesDeps): Promise<Bridges> {
    const bridges = new Bridges(deps);
    bridges.counters.start();
    for (const bridge of await deps.stores.bridges.list()) bridges.runners.start(bridge);
    return bridges;
  }

  status(id: string): RunnerStatus {
    return this.runners.status(id);
  }

  async stats(id: string): Promise<BridgeStats> {
    const [totals, deadLetters] = await Promise.all([
      this.counters.totals(id),
      this.deps.stores.deadLetters.count(id),
    ]);
    return { ...totals, deadLetters };
  }

  async close(): Promise<void> {
    try {
      await this.runners.closeAll();
    } finally {
      await this.counters.stop();
    }
  }
}
