import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations/migrator.js';
import type { DialectName, Tables } from './schema.js';

export interface Database {
  readonly db: Kysely<Tables>;
  readonly dialect: DialectName;
  /** The raw SQLite handle, for the few hot writes that must skip query building. */
  readonly sqlite?: SQLite.Database;
  /** The PostgreSQL pool under Kysely, for the hot writes that send named prepared statements. */
  readonly pool?: pg.Pool;
  close(): Promise<void>;
}

const INT8_OID = 20;

function openSqlite(url: string): Database {
  const file = url.slice('sqlite:'.length) || ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers (the UI, the journal API) proceed while the batch writer commits.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

function openPostgres(url: string): Database {
  // Epoch-millisecond columns are BIGINT; they fit a JS number, so read them as one.
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID
        ? (v: string) => Number(v)
        : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  // An idle client dropped by the server (restart, terminated backend) is replaced on next use; without
  // a listener its 'error' would crash the whole process.
  pool.on('error', () => undefined);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', pool, close: () => db.destroy() };
}

/** Opens the store named by `url` and brings its schema to the latest migration. */
export async function openDatabase(url: string): Promise<Database> {
  const database = url.startsWith('sqlite:') ? openSqlite(url) : openPostgres(url);
  try {
    await migrateToLatest(database.db as unknown as Kysely<unknown>, database.dialect);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
