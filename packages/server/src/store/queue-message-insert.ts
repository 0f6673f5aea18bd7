import { CompiledQuery, type Kysely } from 'kysely';
import type { QueueMessageRecord } from '../core/ports/index.js';
import type { Database } from './database.js';
import { appendToPostgres } from './queue-message-postgres-append.js';
import { COLUMNS, ON_CONFLICT, chunks, valuesOf, type InsertedRow } from './queue-message-rows.js';
import type { Tables } from './schema.js';

/** Stores a batch in one transaction; returns the rows inserted (redeliveries already stored skipped). */
export type AppendRows = (messages: readonly QueueMessageRecord[]) => Promise<InsertedRow[]>;

/** SQLite takes big statements well; the limit only keeps a batch of huge bodies from being one. */
const SQLITE_MAX_STATEMENT_BYTES = 8 * 1024 * 1024;

/** SQLite: a multi-row insert, every value bound natively by the driver. */
function sqliteInsert(rows: readonly QueueMessageRecord[]): CompiledQuery<InsertedRow> {
  const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
  const text = `insert into queue_messages (${COLUMNS.join(', ')}) values ${rows.map(() => tuple).join(', ')} ${ON_CONFLICT}`;
  return CompiledQuery.raw(text, rows.flatMap(valuesOf));
}

async function appendToSqlite(db: Kysely<Tables>, messages: readonly QueueMessageRecord[]) {
  const statements = chunks(messages, SQLITE_MAX_STATEMENT_BYTES).map(sqliteInsert);
  const [only] = statements;
  if (statements.length === 1 && only) return (await db.executeQuery(only)).rows;
  return db.transaction().execute(async (trx) => {
    const inserted: InsertedRow[] = [];
    for (const statement of statements) inserted.push(...(await trx.executeQuery(statement)).rows);
    return inserted;
  });
}

/** The append of the database's dialect: PostgreSQL's goes to its pool directly (named statements). */
export function appenderFor(database: Database): AppendRows {
  const { pool, db } = database;
  if (database.dialect === 'postgres') {
    if (!pool) throw new Error('a PostgreSQL database without its pool');
    return (messages) => appendToPostgres(pool, messages);
  }
  return (messages) => appendToSqlite(db, messages);
}

/**
 * Maps the rows an `on conflict do nothing` insert returned back to the input. Ids grow in insert
 * order, so sorted ids line up with the inserted inputs; an input was inserted when it has no broker
 * id, or when its id came back and no earlier input of the batch had it.
 */
export function matchInserted(
  messages: readonly QueueMessageRecord[],
  inserted: readonly InsertedRow[],
): Array<number | null> {
  const ids = inserted.map((r) => Number(r.id)).sort((a, b) => a - b);
  const returned = new Set(inserted.map((r) => r.broker_message_id).filter((id) => id !== null));
  const seen = new Set<string>();
  let next = 0;
  return messages.map((m) => {
    const brokerId = m.brokerMessageId;
    const isNew = brokerId === null || (returned.has(brokerId) && !seen.has(brokerId));
    if (brokerId !== null) seen.add(brokerId);
    return isNew ? (ids[next++] ?? null) : null;
  });
}
