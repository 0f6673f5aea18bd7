import type { Logger } from 'pino';
import type {
  BridgeStore,
  BrokerRecord,
  BrokerStore,
  ChangeFeed,
  ConfigChange,
  QueueMockRecord,
  QueueMockStore,
  ServiceStore,
  StubStore,
} from '../core/ports/index.js';
import type { Bridges } from './bridges/bridges.js';
import type { MockRegistry } from './mock-registry.js';
import type { QueueMocks } from './queues/queue-mocks.js';
import { SerialLane } from './serial-lane.js';

export interface ChangeSyncDeps {
  stores: {
    services: ServiceStore;
    stubs: StubStore;
    brokers: BrokerStore;
    queueMocks: QueueMockStore;
    bridges: BridgeStore;
  };
  registry: MockRegistry;
  queues: QueueMocks;
  bridges: Bridges;
  log: Logger;
}

/**
 * Applies the changes other nodes announce (DESIGN §7): each one reloads what it names from the store
 * and does what the node that made it did. What a broker keeps is left to the node that made the
 * change, except after a deletion: each node then deletes the reader state again (idempotent), since
 * its own reader may have set it up again before it heard, and only it can end its MQTT session.
 * Services and stubs go through one lane, brokers, queue mocks and bridges through another, so a slow
 * broker never delays a stub; a broker's change is applied before the queue mocks announced after it.
 */
export class ChangeSync {
  readonly #mocks: SerialLane;
  readonly #queues: SerialLane;
  /** The brokers this node has a connection for, as of their last change, to resync against. */
  readonly #brokers = new Map<string, number>();
  #unsubscribe: (() => void) | undefined;

  private constructor(private readonly deps: ChangeSyncDeps) {
    const onError = (key: string, error: unknown) =>
      deps.log.error({ err: error, change: key }, `applying a change from another node failed: ${key}`);
    this.#mocks = new SerialLane(onError);
    this.#queues = new SerialLane(onError);
  }

  /** Call once the registry, queue mocks and bridges have loaded what is stored. */
  static async start(deps: ChangeSyncDeps, feed: ChangeFeed): Promise<ChangeSync> {
    const sync = new ChangeSync(deps);
    const { queueMocks } = deps.stores;
    deps.queues.intake.checkLostReadersWith(async (id) => (await queueMocks.get(id)) !== undefined);
    for (const broker of await deps.stores.brokers.list()) sync.#brokers.set(broker.name, broker.updatedAt);
    sync.#unsubscribe = feed.subscribe({
      changed: (change) => sync.#changed(change),
      resync: () => sync.#resync(),
    });
    return sync;
  }

  /**
   * A change this node made (the feed does not echo those): only the list of open broker
   * connections a resync compares with needs to know.
   */
  noteLocal({ topic, key }: Omit<ConfigChange, 'origin'>): void {
    if (topic !== 'broker') return;
    this.#queues.add(`note-broker:${key}`, async () => {
      this.#noteBroker(await this.deps.stores.brokers.get(key), key);
    });
  }

  /** Waits for what is being applied; nothing is applied afterwards. */
  async close(): Promise<void> {
    this.#unsubscribe?.();
    await Promise.all([this.#mocks.idle(), this.#queues.idle()]);
  }

  #changed({ topic, key }: ConfigChange): void {
    switch (topic) {
      case 'service':
      case 'stub':
        return this.#mocks.add(`service:${key}`, () => this.#reloadService(key));
      case 'queue':
        return this.#queues.add(`queue:${key}`, () => this.#reloadQueueMock(key));
      case 'bridge':
        return this.#queues.add(`bridge:${key}`, () => this.#reloadBridge(key));
      case 'broker':
        return this.#queues.add(`broker:${key}`, () => this.#reloadBroker(key));
    }
  }

  #resync(): void {
    this.deps.log.info('reloading all configuration: changes made meanwhile by other nodes may be missed');
    this.#mocks.clear();
    this.#mocks.add('resync', () => this.#resyncMocks());
    this.#queues.clear();
    this.#queues.add('resync', () => this.#resyncQueues());
  }

  async #reloadService(name: string): Promise<void> {
    const { stores, registry } = this.deps;
    const record = await stores.services.get(name);
    if (!record) return registry.removeService(name);
    registry.reloadService(record, await stores.stubs.listForService(name));
  }

  async #resyncMocks(): Promise<void> {
    const { stores, registry } = this.deps;
    const [services, stubs] = await Promise.all([stores.services.list(), stores.stubs.listAll()]);
    registry.load(services, stubs);
  }

  /** Restarted rather than patched, so a create and a change are the same steps. */
  async #reloadQueueMock(id: string): Promise<void> {
    const { intake } = this.deps.queues;
    const mock = await this.deps.stores.queueMocks.get(id);
    if (!mock) return intake.forget(id);
    await intake.stop(id);
    intake.start(mock);
  }

  async #reloadBridge(id: string): Promise<void> {
    const { runners, counters, hops } = this.deps.bridges;
    const bridge = await this.deps.stores.bridges.get(id);
    if (bridge) {
      // Not runners.replace: a moved IN's old reader state was deleted once by the changing node.
      await runners.stop(id);
      return runners.start(bridge);
    }
    await runners.forget(id);
    counters.forget(id);
    hops.forget(id);
  }

  /** As BrokerCatalog does on a change: the queue mocks stop, the connection is replaced, they resume. */
  async #reloadBroker(name: string): Promise<void> {
    const { intake, connections } = this.deps.queues;
    const record = await this.deps.stores.brokers.get(name);
    const mocks = await intake.stopBroker(name);
    await connections.close(name);
    this.#noteBroker(record, name);
    if (!record) return;
    connections.open(record);
    for (const mock of mocks) intake.start(mock);
  }

  #noteBroker(record: BrokerRecord | undefined, name: string): void {
    if (record) this.#brokers.set(name, record.updatedAt);
    else this.#brokers.delete(name);
  }

  async #resyncQueues(): Promise<void> {
    const { stores } = this.deps;
    const [brokers, mocks, bridges] = await Promise.all([
      stores.brokers.list(),
      stores.queueMocks.list(),
      stores.bridges.list(),
    ]);
    const stored = new Map(brokers.map((b) => [b.name, b]));
    for (const [name, updatedAt] of this.#brokers) {
      if (stored.get(name)?.updatedAt !== updatedAt) await this.#reloadBroker(name);
    }
    for (const broker of brokers) if (!this.#brokers.has(broker.name)) await this.#reloadBroker(broker.name);
    await this.#resyncQueueMocks(mocks);
    await this.#resyncBridges(bridges);
  }

  /** Only what changed is restarted: readers of unchanged queue mocks keep their batch and consumer. */
  async #resyncQueueMocks(mocks: QueueMockRecord[]): Promise<void> {
    const { intake } = this.deps.queues;
    const running = new Map(intake.running().map((m) => [m.id, m.updatedAt]));
    const stored = new Set(mocks.map((m) => m.id));
    for (const id of running.keys()) if (!stored.has(id)) await intake.forget(id);
    for (const mock of mocks) {
      if (running.get(mock.id) === mock.updatedAt) continue;
      await intake.stop(mock.id);
      intake.start(mock);
    }
  }

  async #resyncBridges(bridges: Awaited<ReturnType<BridgeStore['list']>>): Promise<void> {
    const running = new Map(this.deps.bridges.runners.running().map((b) => [b.id, b.updatedAt]));
    const stored = new Set(bridges.map((b) => b.id));
    for (const id of running.keys()) if (!stored.has(id)) await this.#reloadBridge(id);
    for (const bridge of bridges) {
      if (running.get(bridge.id) !== bridge.updatedAt) await this.#reloadBridge(bridge.id);
    }
  }
}
