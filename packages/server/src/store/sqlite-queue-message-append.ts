import type SQLite from 'better-sqlite3';
import type { QueueMessageRecord } from '../core/ports/index.js';
import {
  COLUMNS,
  valuesOf,
  type AppendRows,
  type ColumnValue,
  type InsertedRow,
} from './queue-message-rows.js';

/** Rows per multi-row INSERT: fewer statement steps per batch, still few bound parameters. */
const ROWS_PER_INSERT = 16;
// Messages without a broker id are never deduped, so the unique index holds only those with one.
const DEDUPE = 'on conflict (queue_id, broker_message_id) where broker_message_id is not null do nothing';
const insertSql = (rows: number) =>
  `insert into queue_messages (${COLUMNS.join(', ')}) values ${Array(rows)
    .fill(`(${COLUMNS.map(() => '?').join(', ')})`)
    .join(', ')} ${DEDUPE}`;

/** How many messages from `start` have no broker id, up to `limit`: those can never be deduped. */
function runWithoutBrokerId(messages: readonly QueueMessageRecord[], start: number, limit: number): number {
  let n = 0;
  while (n < limit && messages[start + n]?.brokerMessageId === null) n++;
  return n;
}

/**
 * Queue message appends on SQLite through two statements prepared once, in one transaction committed
 * before the promise resolves (so before the caller acks). Building and preparing a statement per
 * batch through Kysely, and RETURNING rows, cost more CPU than storing the messages.
 *
 * Ids come without RETURNING. Runs of 16 messages without a broker id use the 16-row statement:
 * nothing can conflict, and the single writer inserts into an INTEGER PRIMARY KEY table, so their ids
 * are consecutive, ending at the last inserted one. Every other message goes alone: `changes` says
 * whether the dedupe index skipped it (a redelivery already stored, or repeated in the batch).
 */
export function sqliteQueueMessageAppender(sqlite: SQLite.Database): AppendRows {
  const insertOne = sqlite.prepare<[ColumnValue[]]>(insertSql(1));
  const insertMany = sqlite.prepare<[ColumnValue[]]>(insertSql(ROWS_PER_INSERT));
  const params = new Array<ColumnValue>(COLUMNS.length * ROWS_PER_INSERT);
  const append = sqlite.transaction((messages: readonly QueueMessageRecord[]) => {
    const inserted: InsertedRow[] = [];
    let i = 0;
    while (i < messages.length) {
      if (runWithoutBrokerId(messages, i, ROWS_PER_INSERT) === ROWS_PER_INSERT) {
        for (let row = 0; row < ROWS_PER_INSERT; row++) {
          const values = valuesOf(messages[i + row] as QueueMessageRecord);
          for (let c = 0; c < values.length; c++) params[row * COLUMNS.length + c] = values[c] ?? null;
        }
        const last = Number(insertMany.run(params).lastInsertRowid);
        for (let row = 0; row < ROWS_PER_INSERT; row++)
          inserted.push({ id: last - ROWS_PER_INSERT + 1 + row, broker_message_id: null });
        i += ROWS_PER_INSERT;
        continue;
      }
      const message = messages[i] as QueueMessageRecord;
      const result = insertOne.run(valuesOf(message));
      if (result.changes > 0)
        inserted.push({ id: Number(result.lastInsertRowid), broker_message_id: message.brokerMessageId });
      i++;
    }
    return inserted;
  });
  return async (messages) => append(messages);
}
