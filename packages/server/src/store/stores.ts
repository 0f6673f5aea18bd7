import type { SessionStore, TokenStore, UserStore } from '../core/ports/index.js';
import { openDatabase, type Database } from './database.js';
import { KyselySessionStore } from './kysely-session-store.js';
import { KyselyTokenStore } from './kysely-token-store.js';
import { KyselyUserStore } from './kysely-user-store.js';

/** Every store port, backed by one database. The query code is shared: Kysely speaks both dialects. */
export interface Stores {
  readonly database: Database;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly tokens: TokenStore;
  close(): Promise<void>;
}

export async function openStores(url: string): Promise<Stores> {
  const database = await openDatabase(url);
  const { db } = database;
  return {
    database,
    users: new KyselyUserStore(db),
    sessions: new KyselySessionStore(db),
    tokens: new KyselyTokenStore(db),
    close: () => database.close(),
  };
}
