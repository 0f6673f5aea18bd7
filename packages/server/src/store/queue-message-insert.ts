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
 * PostgreSQL's are small: a backend handles a statement of over ~200 KB at nearly twice the CPU per
 * row (its message and array buffers outgrow its reused memory; each such statement then pays fresh
 * page faults). Measured 22–26 µs of database CPU per 1 KB row up to 150 rows a statement, 40 from
 * 200 on; two statements in a transaction cost less than one that size (bench/intake-rabbitmq-store.js).
 */
const MAX_STATEMENT_BYTES: Record<DialectName, number> = { postgres: 160 * 1024, sqlite: 8 * 1024 * 1024 };
const MAX_STATEMENT_ROWS = 1000;
/** Per row beyond the body: the other columns, meta above all. */
const ROW_OVERHEAD_BYTES = 256;

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

/** About the bytes a body takes in the statement: its text (JSON, text or base64) when there is one. */
function storedLength(m: QueueMessageRecord): number {
  const { json, value, size } = m.body;
  return json?.length ?? (typeof value === 'string' ? value.length : size);
}

/** Splits the batch into statements bounded in rows and bytes. */
function chunks(messages: readonly QueueMessageRecord[], maxBytes: number): QueueMessageRecord[][] {
  const out: QueueMessageRecord[][] = [];
  let current: QueueMessageRecord[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = storedLength(m) + ROW_OVERHEAD_BYTES;
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= MAX_STATEMENT_ROWS)) {
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

// Type OIDs PostgreSQL checks the elements of a binary array against.
const JSON_OID = 114;
const TEXT_OID = 25;

/**
 * A one-dimensional array in PostgreSQL's binary format (array_recv): a header, then each element as a
 * length and its UTF-8 bytes, -1 for NULL. node-pg sends a Buffer parameter as binary, so big text
 * elements cross as they are: no escaping of quotes and backslashes into an array literal here, and no
 * unescaping by the database's array parser there.
 */
export function binaryTextArray(values: ReadonlyArray<string | null>, elementOid: number): Buffer {
  const lengths = new Int32Array(values.length);
  let size = 20 + 4 * values.length;
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? null;
    const length = value === null ? -1 : Buffer.byteLength(value);
    lengths[i] = length;
    if (length < 0) nulls = 1;
    else size += length;
  }
  const out = Buffer.allocUnsafe(size);
  out.writeInt32BE(1, 0); // dimensions
  out.writeInt32BE(nulls, 4);
  out.writeInt32BE(elementOid, 8);
  out.writeInt32BE(values.length, 12);
  out.writeInt32BE(1, 16); // lower bound
  let offset = 20;
  for (let i = 0; i < values.length; i++) {
    const length = lengths[i] as number;
    out.writeInt32BE(length, offset);
    offset += 4;
    if (length > 0) offset += out.write(values[i] as string, offset, 'utf8');
  }
  return out;
}

// The columns that carry bodies and documents go as binary arrays; the small ones as plain arrays.
const BINARY_COLUMNS: ReadonlyMap<number, number> = new Map([
  [6, JSON_OID], // body_json
  [7, TEXT_OID], // body_text
  [8, JSON_OID], // meta
  [9, JSON_OID], // reply
]);

/**
 * PostgreSQL: one array per column, unpacked by unnest. The statement text never changes (cheap to
 * parse) and each value is parsed once by its column type; measured cheaper for the database than a
 * VALUES list of thousands of parameters or one JSON document of rows. The big text columns are binary
 * arrays, which halved the client's and cut a quarter of the database's CPU per row (bench/.prof).
 */
function postgresInsert(rows: readonly QueueMessageRecord[]): CompiledQuery<InsertedRow> {
  const columns: unknown[][] = COLUMNS.map(() => []);
  for (const m of rows) valuesOf(m).forEach((value, i) => columns[i]?.push(value));
  const parameters = columns.map((values, i) => {
    const oid = BINARY_COLUMNS.get(i);
    return oid === undefined ? values : binaryTextArray(values as Array<string | null>, oid);
  });
  return CompiledQuery.raw(POSTGRES_APPEND, parameters);
}

const POSTGRES_APPEND_TEXT =
  `insert into queue_messages (${COLUMNS.join(', ')}) select * from unnest($1::text[], $2::bigint[], ` +
  `$3::text[], $4::integer[], $5::text[], $6::text[], $7::json[], $8::text[], $9::json[], $10::json[]) ` +
  ON_CONFLICT;

/**
 * The append as a *named* statement: each connection parses and plans it once, then reuses the plan.
 * An unnamed one is planned per batch as a custom plan, which copies its ~100 KB array parameters as
 * constants several times over (measured: about 15% of the database's CPU per stored message). Kysely
 * hands `sql` to pg's `client.query` untouched and pg accepts a query config there; were that ever to
 * change, pg would refuse the object and every append would fail (the store contract tests cover it).
 */
const POSTGRES_APPEND = {
  text: POSTGRES_APPEND_TEXT,
  name: 'understudy_queue_messages_append_v1',
} as unknown as string;

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
  const statements = chunks(messages, MAX_STATEMENT_BYTES[dialect]).map(
    dialect === 'postgres' ? postgresInsert : sqliteInsert,
  );
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
