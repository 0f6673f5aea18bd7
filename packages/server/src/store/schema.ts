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
}

export interface Tables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  services: ServicesTable;
  stubs: StubsTable;
  journal: JournalTable;
}
