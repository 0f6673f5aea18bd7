import { CompiledQuery, type Kysely } from 'kysely';
import type { QueueMessageRecord } from '../core/ports/index.js';
import type { DialectName, Tables } from './schema.js';

export interface InsertedRow {
  id: number | string;
  broker_message_id: string | null;
}

/**
 * Rows go to the database in statements of at most this many bytes (and rows), all inside the batch's
 * one transaction: a batch of large messages never becomes one giant statement or parameter.
 */
const MAX_STATEMENT_BYTES = 8 * 1024 * 1024;
const MAX_STATEMENT_ROWS = 1000;

/** What the meta column holds: everything about a message that is not a filter column or the body. */
export type StoredMeta = Pick<QueueMessageRecord, 'headers' | 'properties' | 'exchange'> & {
  size: number;
  truncated: boolean;
};

export function metaOf(m: QueueMessageRecord): StoredMeta {
  return {
    headers: m.headers,
    properties: m.properties,
    exchange: m.exchange,
    size: m.body.size,
    truncated: m.body.truncated,
  };
}

/** The body as JSON text for body_json, or null; the delivered text when there is one (no re-serialising). */
export function bodyJsonOf(m: QueueMessageRecord): string | null {
  return m.body.encoding === 'json' ? (m.body.json ?? JSON.stringify(m.body.value)) : null;
}

export function bodyTextOf(m: QueueMessageRecord): string | null {
  return m.body.encoding === 'json' ? null : (m.body.value as string);
}

/** Splits the batch into statements bounded in rows and bytes. */
function chunks(messages: readonly QueueMessageRecord[]): QueueMessageRecord[][] {
  const out: QueueMessageRecord[][] = [];
  let current: QueueMessageRecord[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = m.body.size + 512;
    if (current.length > 0 && (bytes + size > MAX_STATEMENT_BYTES || current.length >= MAX_STATEMENT_ROWS)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

const COLUMNS = [
  'queue_id',
  'received_at',
  'broker_message_id',
  'redelivered',
  'routing_key',
  'body_encoding',
  'body_json',
  'body_text',
  'meta',
  'reply',
] as const;

/** A message as the values of COLUMNS, in order; a JSON body as its delivered text (no re-serialising). */
function valuesOf(m: QueueMessageRecord): unknown[] {
  return [
    m.queueId,
    m.receivedAt,
    m.brokerMessageId,
    m.redelivered ? 1 : 0,
    m.routingKey,
    m.body.encoding,
    bodyJsonOf(m),
    bodyTextOf(m),
    JSON.stringify(metaOf(m)),
    m.reply ? JSON.stringify(m.reply) : null,
  ];
}

// Messages without a broker id are never deduped, so the unique index holds only those with one.
const ON_CONFLICT =
  'on conflict (queue_id, broker_message_id) where broker_message_id is not null do nothing ' +
  'returning id, broker_message_id';

/**
 * PostgreSQL: one array per column, unpacked by unnest. The statement text never changes (cheap to
 * parse) and each value is parsed once by its column type; measured cheaper for the database than a
 * VALUES list of thousands of parameters or one JSON document of rows.
 */
function postgresInsert(rows: readonly QueueMessageRecord[]): CompiledQuery<InsertedRow> {
  const columns: unknown[][] = COLUMNS.map(() => []);
  for (const m of rows) valuesOf(m).forEach((value, i) => columns[i]?.push(value));
  const text =
    `insert into queue_messages (${COLUMNS.join(', ')}) select * from unnest($1::text[], $2::bigint[], ` +
    `$3::text[], $4::integer[], $5::text[], $6::text[], $7::json[], $8::text[], $9::json[], $10::json[]) ` +
    ON_CONFLICT;
  return CompiledQuery.raw(text, columns);
}

/** SQLite: a multi-row insert, every value bound natively by the driver. */
function sqliteInsert(rows: readonly QueueMessageRecord[]): CompiledQuery<InsertedRow> {
  const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
  const text = `insert into queue_messages (${COLUMNS.join(', ')}) values ${rows.map(() => tuple).join(', ')} ${ON_CONFLICT}`;
  return CompiledQuery.raw(text, rows.flatMap(valuesOf));
}

/** Inserts a batch in one transaction, skipping broker message ids the queue mock already has. */
export async function insertBatch(
  db: Kysely<Tables>,
  dialect: DialectName,
  messages: readonly QueueMessageRecord[],
): Promise<InsertedRow[]> {
  const statements = chunks(messages).map(dialect === 'postgres' ? postgresInsert : sqliteInsert);
  const [only] = statements;
  // One statement is atomic by itself: no BEGIN/COMMIT round trips for the common, single-statement batch.
  if (statements.length === 1 && only) return (await db.executeQuery(only)).rows;
  return db.transaction().execute(async (trx) => {
    const inserted: InsertedRow[] = [];
    for (const statement of statements) inserted.push(...(await trx.executeQuery(statement)).rows);
    return inserted;
  });
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
