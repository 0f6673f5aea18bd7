import type {
  BridgeStore,
  BrokerStore,
  ChangeFeed,
  QueueMockStore,
  ServiceStore,
  StubStore,
} from '../core/ports/index.js';
import type { Stores } from './stores.js';

export type Announcer = Pick<ChangeFeed, 'publish'>;

/**
 * The stores, with every committed change of configuration announced on the change feed (DESIGN §7).
 * Announcing at the store, after its write returned, catches every path that changes configuration
 * (admin API, recorder, bulk actions) and never announces a write that failed.
 */
export function announcedStores(stores: Stores, feed: Announcer): Stores {
  return {
    ...stores,
    services: announcedServices(stores.services, feed),
    stubs: announcedStubs(stores.stubs, feed),
    queueMocks: announcedQueueMocks(stores.queueMocks, feed),
    bridges: announcedBridges(stores.bridges, feed),
    brokers: announcedBrokers(stores.brokers, feed),
    close: () => stores.close(),
  };
}

/** The store with its write methods replaced; every other call goes to the store itself. */
function withWrites<T extends object>(store: T, writes: Partial<T>): T {
  return new Proxy(store, {
    get(target, property) {
      if (Object.hasOwn(writes, property)) return writes[property as keyof T];
      const value: unknown = Reflect.get(target, property, target);
      // Bound to the store itself: its methods use #private members, which a proxy does not have.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function announcedServices(store: ServiceStore, feed: Announcer): ServiceStore {
  const announce = (key: string) => feed.publish({ topic: 'service', key });
  return withWrites<ServiceStore>(store, {
    async create(service) {
      const created = await store.create(service);
      if (created !== 'taken') await announce(created.name);
      return created;
    },
    async update(service) {
      const updated = await store.update(service);
      if (updated) await announce(updated.name);
      return updated;
    },
    async delete(name) {
      const deleted = await store.delete(name);
      if (deleted) await announce(name);
      return deleted;
    },
  });
}

function announcedStubs(store: StubStore, feed: Announcer): StubStore {
  const announce = (service: string) => feed.publish({ topic: 'stub', key: service });
  return withWrites<StubStore>(store, {
    async create(stub) {
      await store.create(stub);
      await announce(stub.service);
    },
    async update(stub) {
      const updated = await store.update(stub);
      if (updated) await announce(stub.service);
      return updated;
    },
    async delete(service, id) {
      const deleted = await store.delete(service, id);
      if (deleted) await announce(service);
      return deleted;
    },
  });
}

function announcedQueueMocks(store: QueueMockStore, feed: Announcer): QueueMockStore {
  const announce = (id: string) => feed.publish({ topic: 'queue', key: id });
  return withWrites<QueueMockStore>(store, {
    async create(mock) {
      const created = await store.create(mock);
      if (typeof created === 'object') await announce(created.id);
      return created;
    },
    async update(mock) {
      const updated = await store.update(mock);
      if (updated) await announce(updated.id);
      return updated;
    },
    async delete(id, options) {
      const deleted = await store.delete(id, options);
      if (deleted) await announce(id);
      return deleted;
    },
  });
}

function announcedBridges(store: BridgeStore, feed: Announcer): BridgeStore {
  const announce = (id: string) => feed.publish({ topic: 'bridge', key: id });
  return withWrites<BridgeStore>(store, {
    async create(bridge) {
      const created = await store.create(bridge);
      if (typeof created === 'object') await announce(created.id);
      return created;
    },
    async update(bridge) {
      const updated = await store.update(bridge);
      if (typeof updated === 'object') await announce(updated.id);
      return updated;
    },
    async delete(id) {
      const deleted = await store.delete(id);
      if (deleted) await announce(id);
      return deleted;
    },
  });
}

function announcedBrokers(store: BrokerStore, feed: Announcer): BrokerStore {
  const announce = (name: string) => feed.publish({ topic: 'broker', key: name });
  return withWrites<BrokerStore>(store, {
    async create(broker) {
      const created = await store.create(broker);
      if (created !== 'taken') await announce(created.name);
      return created;
    },
    async update(broker) {
      const updated = await store.update(broker);
      if (updated) await announce(updated.name);
      return updated;
    },
    async delete(name) {
      const deleted = await store.delete(name);
      if (deleted === true) await announce(name);
      return deleted;
    },
  });
}
