import type { QueueMessageRecord } from '../core/ports/index.js';

/** What an append returns per inserted row; a redelivery skipped by the dedupe index returns none. */
export interface InsertedRow {
  id: number | string;
  broker_message_id: string | null;
}

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

export type ColumnValue = string | number | null;

export const COLUMNS = [
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
export type Column = (typeof COLUMNS)[number];

/** How a message fills each column; a JSON body goes as its delivered text (no re-serialising). */
const COLUMN_VALUES: Readonly<Record<Column, (m: QueueMessageRecord) => ColumnValue>> = {
  queue_id: (m) => m.queueId,
  received_at: (m) => m.receivedAt,
  broker_message_id: (m) => m.brokerMessageId,
  redelivered: (m) => (m.redelivered ? 1 : 0),
  routing_key: (m) => m.routingKey,
  body_encoding: (m) => m.body.encoding,
  body_json: bodyJsonOf,
  body_text: bodyTextOf,
  meta: (m) => JSON.stringify(metaOf(m)),
  reply: (m) => (m.reply ? JSON.stringify(m.reply) : null),
};

/** A message as the values of COLUMNS, in order (a row). */
export function valuesOf(m: QueueMessageRecord): ColumnValue[] {
  return COLUMNS.map((column) => COLUMN_VALUES[column](m));
}

/** Messages as one array per column (what unnest takes). */
export function columnOf(rows: readonly QueueMessageRecord[], column: Column): ColumnValue[] {
  return rows.map(COLUMN_VALUES[column]);
}

// Messages without a broker id are never deduped, so the unique index holds only those with one.
export const ON_CONFLICT =
  'on conflict (queue_id, broker_message_id) where broker_message_id is not null do nothing ' +
  'returning id, broker_message_id';

/** Per row beyond the body: the other columns, meta above all. */
const ROW_OVERHEAD_BYTES = 256;
const MAX_STATEMENT_ROWS = 1000;

/** About the bytes a body takes in the statement: its text (JSON, text or base64) when there is one. */
function storedLength(m: QueueMessageRecord): number {
  const { json, value, size } = m.body;
  return json?.length ?? (typeof value === 'string' ? value.length : size);
}

/**
 * Splits a batch into statements of at most `maxBytes` (and 1000 rows), all run inside the batch's
 * one transaction: a batch of large messages never becomes one giant statement or parameter.
 */
export function chunks(messages: readonly QueueMessageRecord[], maxBytes: number): QueueMessageRecord[][] {
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

/** Stores a batch in one transaction; returns the rows inserted (redeliveries already stored skipped). */
export type AppendRows = (messages: readonly QueueMessageRecord[]) => Promise<InsertedRow[]>;
