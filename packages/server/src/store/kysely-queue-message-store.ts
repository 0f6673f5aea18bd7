import { sql, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type {
  BodyEncoding,
  MinuteCount,
  QueueMessageFilter,
  QueueMessageRecord,
  QueueMessageStore,
  StoredReply,
} from '../core/ports/index.js';
import type { JsonColumn } from './json-column.js';
import { matchInserted } from './queue-message-insert.js';
import type { AppendRows } from './queue-message-rows.js';
import type { StoredMeta } from './queue-message-rows.js';
import type { DialectName, QueueMessagesTable, Tables } from './schema.js';

type Row = Selectable<QueueMessagesTable>;

export class KyselyQueueMessageStore implements QueueMessageStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly json: JsonColumn,
    private readonly dialect: DialectName,
    private readonly appendRows: AppendRows,
  ) {}

  #toRecord(row: Row): QueueMessageRecord {
    const meta = this.json.decode<StoredMeta>(row.meta);
    const encoding = row.body_encoding as BodyEncoding;
    return {
      id: Number(row.id),
      queueId: row.queue_id,
      receivedAt: Number(row.received_at),
      routingKey: row.routing_key,
      exchange: meta.exchange,
      redelivered: Number(row.redelivered) === 1,
      brokerMessageId: row.broker_message_id,
      body: {
        encoding,
        value: encoding === 'json' ? this.json.decode(row.body_json) : row.body_text,
        size: meta.size,
        truncated: meta.truncated,
      },
      headers: meta.headers,
      properties: meta.properties,
      reply: row.reply === null ? null : this.json.decode<StoredReply>(row.reply),
    };
  }

  async append(messages: readonly QueueMessageRecord[]): Promise<Array<number | null>> {
    if (messages.length === 0) return [];
    return matchInserted(messages, await this.appendRows(messages));
  }

  async list(
    queueId: string,
    filter: QueueMessageFilter,
    limit: number,
    before?: number,
  ): Promise<QueueMessageRecord[]> {
    let query = this.db.selectFrom('queue_messages').selectAll().where('queue_id', '=', queueId);
    if (before !== undefined) query = query.where('id', '<', before);
    if (filter.since !== undefined) query = query.where('received_at', '>=', filter.since);
    if (filter.until !== undefined) query = query.where('received_at', '<', filter.until);
    if (filter.text !== undefined) query = query.where(this.#bodyContains(filter.text));
    for (const [name, value] of filter.headers ?? []) query = query.where(this.#headerEquals(name, value));
    const rows = await query.orderBy('id', 'desc').limit(limit).execute();
    return rows.map((row) => this.#toRecord(row));
  }

  async count(queueId: string): Promise<number> {
    const row = await this.db
      .selectFrom('queue_messages')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('queue_id', '=', queueId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async perMinute(queueId: string, since: number): Promise<MinuteCount[]> {
    const rows = await sql<{ minute: number | string; n: number | string }>`
      select received_at / 60000 as minute, count(*) as n from queue_messages
      where queue_id = ${queueId} and received_at >= ${since} group by 1 order by 1`.execute(this.db);
    return rows.rows.map((r) => ({ minute: Number(r.minute) * 60_000, count: Number(r.n) }));
  }

  async setReply(queueId: string, id: number, reply: StoredReply): Promise<void> {
    await this.db
      .updateTable('queue_messages')
      .set({ reply: this.json.encode(reply) })
      .where('queue_id', '=', queueId)
      .where('id', '=', id)
      .execute();
  }

  async clear(queueId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('queue_messages')
      .where('queue_id', '=', queueId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async prune(queueId: string, maxMessages: number, olderThan: number): Promise<number> {
    const cutoff = await this.db
      .selectFrom('queue_messages')
      .select('id')
      .where('queue_id', '=', queueId)
      .orderBy('id', 'desc')
      .offset(maxMessages)
      .limit(1)
      .executeTakeFirst();
    let query = this.db.deleteFrom('queue_messages').where('queue_id', '=', queueId);
    query = cutoff
      ? query.where((eb) => eb.or([eb('id', '<=', cutoff.id), eb('received_at', '<', olderThan)]))
      : query.where('received_at', '<', olderThan);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Case-insensitive; in JSON bodies it searches the serialised JSON (keys and values). */
  #bodyContains(text: string): Expression<SqlBool> {
    const pattern = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    return this.dialect === 'postgres'
      ? sql<SqlBool>`coalesce(body_text, body_json::text) ilike ${pattern} escape '\\'`
      : sql<SqlBool>`coalesce(body_text, body_json) like ${pattern} escape '\\'`;
  }

  /** Compared as text: "7" matches the number 7 and "true" the boolean, in both dialects. */
  #headerEquals(name: string, value: string): Expression<SqlBool> {
    if (this.dialect === 'postgres') return sql<SqlBool>`meta->'headers'->>${name} = ${value}`;
    return sql<SqlBool>`exists (select 1 from json_each(meta, '$.headers') h where h.key = ${name} and
      (case h.type when 'true' then 'true' when 'false' then 'false' else cast(h.value as text) end) = ${value})`;
  }
}
