/** What changed: the service (its settings or stubs), queue mock, bridge or broker named by `key`. */
export type ChangeTopic = 'service' | 'stub' | 'queue' | 'bridge' | 'broker';

/**
 * One committed configuration change. `key` is the service name (for stubs too), the queue mock id,
 * the bridge id or the broker name; `origin` is the node that made it.
 */
export interface ConfigChange {
  topic: ChangeTopic;
  key: string;
  origin: string;
}

export interface ChangeSubscriber {
  /** Another node committed this change: reload `key` from the store. */
  changed(change: ConfigChange): void;
  /** Changes may have been missed (the feed was disconnected): reload everything. */
  resync(): void;
}

/**
 * Tells the other nodes sharing the database about configuration changes (DESIGN §7). A node never
 * hears its own changes: it applied them when it made them.
 */
export interface ChangeFeed {
  /** Call after the change is committed. Never rejects: a change it cannot announce is logged. */
  publish(change: Omit<ConfigChange, 'origin'>): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(subscriber: ChangeSubscriber): () => void;
  close(): Promise<void>;
}
