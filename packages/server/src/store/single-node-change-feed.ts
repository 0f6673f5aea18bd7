import type { ChangeFeed, ChangeSubscriber, ConfigChange } from '../core/ports/index.js';

/**
 * The change feed of a SQLite store: one node by design, and a node never hears its own changes, so
 * there is no one to tell.
 */
export class SingleNodeChangeFeed implements ChangeFeed {
  publish(_change: Omit<ConfigChange, 'origin'>): Promise<void> {
    return Promise.resolve();
  }

  subscribe(_subscriber: ChangeSubscriber): () => void {
    return () => undefined;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
