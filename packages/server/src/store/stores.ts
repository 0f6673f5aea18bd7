import type {
  BridgeStore,
  DeadLetterStore,
  BrokerStore,
  JournalStore,
  QueueMessageStore,
  QueueMockStore,
  ServiceStore,
  SessionStore,
  StubStore,
  TokenStore,
  UserStore,
} from '../core/ports/index.js';
import { openDatabase, type Database } from './database.js';
import { jsonColumn } from './json-column.js';
import { KyselyBridgeDeadLetterStore } from './kysely-bridge-dead-letter-store.js';
import { KyselyBridgeStore } from './kysely-bridge-store.js';
import { KyselyBrokerStore } from './kysely-broker-store.js';
import { KyselyJournalStore } from './kysely-journal-store.js';
import { SQLITE_JOURNAL_LAYOUT } from './sqlite-journal-layout.js';
import { SqliteJournalStore } from './sqlite-journal-store.js';
import { KyselyQueueMessageStore } from './kysely-queue-message-store.js';
import { KyselyQueueMockStore } from './kysely-queue-mock-store.js';
import { appenderFor } from './queue-message-insert.js';
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
  readonly brokers: BrokerStore;
  readonly queueMocks: QueueMockStore;
  readonly queueMessages: QueueMessageStore;
  readonly bridges: BridgeStore;
  readonly deadLetters: DeadLetterStore;
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
    services: new KyselyServiceStore(db, json, database.sqlite ? SQLITE_JOURNAL_LAYOUT : undefined),
    stubs: new KyselyStubStore(db, json),
    journal: database.sqlite
      ? new SqliteJournalStore(db, json, database.sqlite)
      : new KyselyJournalStore(db, json),
    brokers: new KyselyBrokerStore(db, json),
    queueMocks: new KyselyQueueMockStore(db, json),
    queueMessages: new KyselyQueueMessageStore(db, json, database.dialect, appenderFor(database)),
    bridges: new KyselyBridgeStore(db, json),
    deadLetters: new KyselyBridgeDeadLetterStore(db, json),
    close: () => database.close(),
  };
}
