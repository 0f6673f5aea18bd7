import type pg from 'pg';
import type { QueueMessageRecord } from '../core/ports/index.js';
import { binaryArray, type ElementType } from './queue-message-binary-arrays.js';
import {
  COLUMNS,
  ON_CONFLICT,
  chunks,
  columnOf,
  type Column,
  type InsertedRow,
} from './queue-message-rows.js';

/**
 * Rows per statement are bounded only so a batch of large bodies never becomes one giant parameter:
 * fewer, larger statements cost less on both sides (one round trip, one plan execution). Measured with
 * 1 KB rows, batches of 250 and 1000: one statement per batch took ~10% less database CPU and ~25% less
 * client CPU per row than statements capped at 160 KB (scratch bench of issue 6).
 */
const MAX_STATEMENT_BYTES = 2 * 1024 * 1024;

/** How each column crosses: the element type of its array. */
const COLUMN_TYPES: Readonly<Record<Column, ElementType>> = {
  queue_id: 'text',
  received_at: 'int8',
  broker_message_id: 'text',
  redelivered: 'int4',
  routing_key: 'text',
  body_encoding: 'text',
  body_json: 'json',
  body_text: 'text',
  meta: 'json',
  reply: 'json',
};
const SQL_TYPES: Readonly<Record<ElementType, string>> = {
  text: 'text',
  int8: 'bigint',
  int4: 'integer',
  json: 'json',
};

/**
 * One array per column, unnested side by side in the select list: the statement text never changes
 * and each value is parsed once by its column type; measured cheaper for the database than a VALUES
 * list of thousands of parameters or one JSON document of rows. In the select list, not in FROM: a
 * function in FROM first copies all its rows into a tuplestore.
 */
const INSERT =
  `insert into queue_messages (${COLUMNS.join(', ')}) select ` +
  COLUMNS.map((column, i) => `unnest($${i + 1}::${SQL_TYPES[COLUMN_TYPES[column]]}[])`).join(', ');

/**
 * Named statements: each connection parses and plans one once, then reuses the plan. An unnamed one
 * is planned per batch as a custom plan, which copies its ~100 KB array parameters as constants several
 * times over (measured: about 15% of the database's CPU per stored message). pg refuses a name reused
 * with other text, so a changed text takes a new version.
 */
const APPEND = { name: 'understudy_queue_messages_append_v2', text: `${INSERT} ${ON_CONFLICT}` };
/**
 * For rows without broker message ids, which cannot conflict: ON CONFLICT makes every row a
 * speculative insertion (one more lock and WAL record each) even then (measured: ~9% of the database's CPU).
 */
const APPEND_NEW = {
  name: 'understudy_queue_messages_append_new_v2',
  text: `${INSERT} returning id, broker_message_id`,
};

function appendStatement(rows: readonly QueueMessageRecord[]): pg.QueryConfig<Buffer[]> {
  const values = COLUMNS.map((column) => binaryArray(columnOf(rows, column), COLUMN_TYPES[column]));
  const dedupe = rows.some((m) => m.brokerMessageId !== null);
  return { ...(dedupe ? APPEND : APPEND_NEW), values };
}

/** Runs the statements in one transaction on one pooled connection; a failed rollback discards it. */
async function inTransaction(
  pool: pg.Pool,
  statements: ReadonlyArray<pg.QueryConfig<Buffer[]>>,
): Promise<InsertedRow[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    const inserted: InsertedRow[] = [];
    for (const statement of statements) inserted.push(...(await client.query<InsertedRow>(statement)).rows);
    await client.query('commit');
    return inserted;
  } catch (error) {
    await client.query('rollback').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Appends a batch atomically, skipping broker message ids the queue mock already has. */
export async function appendToPostgres(
  pool: pg.Pool,
  messages: readonly QueueMessageRecord[],
): Promise<InsertedRow[]> {
  const statements = chunks(messages, MAX_STATEMENT_BYTES).map(appendStatement);
  const [only] = statements;
  // One statement is atomic by itself: no BEGIN/COMMIT round trips for a batch that fits one.
  if (statements.length === 1 && only) return (await pool.query<InsertedRow>(only)).rows;
  return inTransaction(pool, statements);
}
