import type {
  JournalStore,
  ServiceStore,
  SessionStore,
  StubStore,
  TokenStore,
  UserStore,
} from '../core/ports/index.js';
import { openDatabase, type Database } from './database.js';
import { jsonColumn } from './json-column.js';
import { KyselyJournalStore } from './kysely-journal-store.js';
import { SqliteJournalStore } from './sqlite-journal-store.js';
import { KyselyServiceStore } from './kysely-service-store.js';
import { KyselySessionStore } from './kysely-session-store.js';
import { KyselyStubStore } from './kysely-stub-store.js';
import { KyselyTokenStore } from './kysely-token-store.js';
import { KyselyUserStore } from './kysely-user-store.js';

/** Every store port, backed by one database. The query code is shared: Kysely speaks both dialects. */
export interface Stores {
  readonly database: Database;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly tokens: TokenStore;
  readonly services: ServiceStore;
  readonly stubs: StubStore;
  readonly journal: JournalStore;
  close(): Promise<void>;
}

export async function openStores(url: string): Promise<Stores> {
  const database = await openDatabase(url);
  const { db } = database;
  const json = jsonColumn(database.dialect);
  return {
    database,
    users: new KyselyUserStore(db),
    sessions: new KyselySessionStore(db),
    tokens: new KyselyTokenStore(db),
    services: new KyselyServiceStore(db, json),
    stubs: new KyselyStubStore(db, json),
    journal: database.sqlite
      ? new SqliteJournalStore(db, json, database.sqlite)
      : new KyselyJournalStore(db, json),
    close: () => database.close(),
  };
}
