import type { QueueMessageRecord } from '../core/ports/index.js';
import type { Database } from './database.js';
import { appendToPostgres } from './queue-message-postgres-append.js';
import type { AppendRows, InsertedRow } from './queue-message-rows.js';
import { sqliteQueueMessageAppender } from './sqlite-queue-message-append.js';

/**
 * The append of the database's dialect, skipping query building: PostgreSQL's goes to its pool
 * (named statements), SQLite's to the raw handle (statements prepared once).
 */
export function appenderFor(database: Database): AppendRows {
  const { pool, sqlite } = database;
  if (database.dialect === 'postgres') {
    if (!pool) throw new Error('a PostgreSQL database without its pool');
    return (messages) => appendToPostgres(pool, messages);
  }
  if (!sqlite) throw new Error('a SQLite database without its handle');
  return sqliteQueueMessageAppender(sqlite);
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
