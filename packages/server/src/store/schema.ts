import type { Generated } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** The tables as Kysely sees them. Times are epoch milliseconds; booleans are 0/1 in both dialects. */
export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  disabled: number;
  created_at: number;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
}

export interface ServicesTable {
  name: string;
  doc: unknown;
  owner_id: string;
  created_at: number;
  updated_at: number;
}

export interface StubsTable {
  id: string;
  service: string;
  doc: unknown;
  created_at: number;
  updated_at: number;
  created_by: string;
  updated_by: string;
}

export interface JournalTable {
  id: Generated<number>;
  service: string;
  received_at: number;
  method: string;
  path: string;
  status: number;
  stub_id: string | null;
  entry: unknown;
  /** SQLite only: the shared end of `entry`, in journal_shared (see migration 005). */
  shared_id?: number | null;
}

/** SQLite only: entry ends many journal entries share. */
export interface JournalSharedTable {
  id: Generated<number>;
  text: string;
}

/** SQLite only: which range of journal ids belongs to which service (see sqlite-journal-layout). */
export interface JournalSlotsTable {
  slot: number;
  service: string;
}

export interface BrokersTable {
  name: string;
  kind: string;
  doc: unknown;
  owner_id: string;
  created_at: number;
  updated_at: number;
}

export interface QueueMocksTable {
  id: string;
  broker: string;
  queue: string;
  doc: unknown;
  owner_id: string;
  created_at: number;
  updated_at: number;
}

export interface QueueMessagesTable {
  id: Generated<number>;
  queue_id: string;
  received_at: number;
  broker_message_id: string | null;
  redelivered: number;
  routing_key: string;
  body_encoding: string;
  body_json: unknown;
  body_text: string | null;
  meta: unknown;
  reply: unknown;
}

export interface BridgesTable {
  id: string;
  name: string;
  in_broker: string;
  out_broker: string;
  doc: unknown;
  owner_id: string;
  created_at: number;
  updated_at: number;
  in_count: Generated<number>;
  out_count: Generated<number>;
  dropped_count: Generated<number>;
  dead_count: Generated<number>;
}

export interface BridgeDeadLettersTable {
  id: Generated<number>;
  bridge_id: string;
  message_id: string;
  failed_at: number;
  attempts: number;
  doc: unknown;
}

export interface Tables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  services: ServicesTable;
  stubs: StubsTable;
  journal: JournalTable;
  journal_slots: JournalSlotsTable;
  journal_shared: JournalSharedTable;
  /** SQLite only: a view of journal rows with their shared ends joined back. */
  journal_entries: JournalTable;
  brokers: BrokersTable;
  queue_mocks: QueueMocksTable;
  queue_messages: QueueMessagesTable;
  bridges: BridgesTable;
  bridge_dead_letters: BridgeDeadLettersTable;
}
