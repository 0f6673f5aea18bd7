import type SQLite from 'better-sqlite3';
import { RAW_BODY, type QueueMessageRecord, type WithRawBody } from '../core/ports/index.js';
import {
  COLUMNS,
  bodyJsonOf,
  bodyTextOf,
  metaOf,
  type AppendRows,
  type ColumnValue,
  type InsertedRow,
} from './queue-message-rows.js';

/** Rows per multi-row INSERT: fewer statement steps per batch, still few bound parameters. */
const ROWS_PER_INSERT = 16;
// Messages without a broker id are never deduped, so the unique index holds only those with one.
const DEDUPE = 'on conflict (queue_id, broker_message_id) where broker_message_id is not null do nothing';
// A body bound as its delivered bytes (a blob) is stored as the text they are: SQLite's cast from
// blob to text copies the bytes unchanged, so the column holds text either way.
const placeholder = (column: string) =>
  column === 'body_json' || column === 'body_text' ? 'cast(? as text)' : '?';
const insertSql = (rows: number) =>
  `insert into queue_messages (${COLUMNS.join(', ')}) values ${Array(rows)
    .fill(`(${COLUMNS.map(placeholder).join(', ')})`)
    .join(', ')} ${DEDUPE}`;
const WIDTH = COLUMNS.length;

type Param = ColumnValue | Buffer;

/** Writes a message's row into `params` from `at`, in COLUMNS order. */
function writeRow(params: Param[], at: number, m: QueueMessageRecord): void {
  const raw = (m as WithRawBody)[RAW_BODY];
  const json = m.body.encoding === 'json';
  params[at] = m.queueId;
  params[at + 1] = m.receivedAt;
  params[at + 2] = m.brokerMessageId;
  params[at + 3] = m.redelivered ? 1 : 0;
  params[at + 4] = m.routingKey;
  params[at + 5] = m.body.encoding;
  params[at + 6] = json ? (raw ?? bodyJsonOf(m)) : null;
  params[at + 7] = json ? null : (raw ?? bodyTextOf(m));
  params[at + 8] = JSON.stringify(metaOf(m));
  params[at + 9] = m.reply ? JSON.stringify(m.reply) : null;
}

/**
 * Queue message appends on SQLite through statements prepared once (one per run length up to 16 rows),
 * in one transaction committed before the promise resolves (so before the caller acks). Building and
 * preparing a statement per batch through Kysely, and RETURNING rows, cost more CPU than storing the
 * messages; so did one statement per message with a broker id.
 *
 * Ids come without RETURNING: the single writer inserts into an INTEGER PRIMARY KEY table, so the rows
 * one statement inserted have consecutive ids ending at the last inserted one. When all rows went in
 * (the usual case) that maps them in order; when the dedupe index skipped some (redeliveries already
 * stored, or repeated in the batch), the inserted ones are read back by that id range.
 */
export function sqliteQueueMessageAppender(sqlite: SQLite.Database): AppendRows {
  if (COLUMNS.length !== 10 || COLUMNS[6] !== 'body_json' || COLUMNS[7] !== 'body_text')
    throw new Error('writeRow is out of step with COLUMNS');
  const statements: Array<SQLite.Statement<[Param[]]>> = [];
  const paramsOf: Param[][] = [];
  const statement = (rows: number) => (statements[rows] ??= sqlite.prepare<[Param[]]>(insertSql(rows)));
  const insertedBetween = sqlite.prepare<[number, number], InsertedRow>(
    'select id, broker_message_id from queue_messages where id between ? and ? order by id',
  );
  const append = sqlite.transaction((messages: readonly QueueMessageRecord[]) => {
    const inserted: InsertedRow[] = [];
    for (let i = 0; i < messages.length; i += ROWS_PER_INSERT) {
      const rows = Math.min(ROWS_PER_INSERT, messages.length - i);
      const params = (paramsOf[rows] ??= new Array<Param>(rows * WIDTH));
      for (let row = 0; row < rows; row++)
        writeRow(params, row * WIDTH, messages[i + row] as QueueMessageRecord);
      const { changes, lastInsertRowid } = statement(rows).run(params);
      const last = Number(lastInsertRowid);
      if (changes === rows) {
        for (let row = 0; row < rows; row++) {
          const m = messages[i + row] as QueueMessageRecord;
          inserted.push({ id: last - rows + 1 + row, broker_message_id: m.brokerMessageId });
        }
      } else if (changes > 0) {
        inserted.push(...insertedBetween.all(last - changes + 1, last));
      }
    }
    releaseParams(paramsOf);
    return inserted;
  });
  return async (messages) => append(messages);
}

/** Lets go of the bodies the reused parameter arrays still point at. */
function releaseParams(paramsOf: Param[][]): void {
  for (const params of paramsOf) if (params) params.fill(null);
}
