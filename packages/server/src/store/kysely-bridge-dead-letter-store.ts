import type { Kysely, Selectable } from 'kysely';
import type { DeadLetterRecord, DeadLetterStore } from '../core/ports/index.js';
import type { JsonColumn } from './json-column.js';
import type { BridgeDeadLettersTable, Tables } from './schema.js';

type DeadLetterDoc = Pick<
  DeadLetterRecord,
  'body' | 'headers' | 'properties' | 'routingKey' | 'exchange' | 'error' | 'receivedAt' | 'editedAt'
>;

export class KyselyBridgeDeadLetterStore implements DeadLetterStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly json: JsonColumn,
  ) {}

  #toRecord(row: Selectable<BridgeDeadLettersTable>): DeadLetterRecord {
    const doc = this.json.decode<DeadLetterDoc>(row.doc);
    return {
      id: Number(row.id),
      bridgeId: row.bridge_id,
      messageId: row.message_id,
      ...doc,
      attempts: Number(row.attempts),
      failedAt: Number(row.failed_at),
    };
  }

  #doc(l: DeadLetterRecord): string {
    const { body, headers, properties, routingKey, exchange, error, receivedAt, editedAt } = l;
    const doc: DeadLetterDoc = {
      body,
      headers,
      properties,
      routingKey,
      exchange,
      error,
      receivedAt,
      editedAt,
    };
    return this.json.encode(doc);
  }

  async add(letter: DeadLetterRecord): Promise<number | null> {
    const row = await this.db
      .insertInto('bridge_dead_letters')
      .values({
        bridge_id: letter.bridgeId,
        message_id: letter.messageId,
        failed_at: letter.failedAt,
        attempts: letter.attempts,
        doc: this.#doc(letter),
      })
      // A redelivery of a message already buried (crash before its ack) keeps the first dead letter.
      .onConflict((oc) => oc.columns(['bridge_id', 'message_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row ? Number(row.id) : null;
  }

  async list(bridgeId: string, limit: number, before?: number): Promise<DeadLetterRecord[]> {
    let query = this.db.selectFrom('bridge_dead_letters').selectAll().where('bridge_id', '=', bridgeId);
    if (before !== undefined) query = query.where('id', '<', before);
    const rows = await query.orderBy('id', 'desc').limit(limit).execute();
    return rows.map((row) => this.#toRecord(row));
  }

  async get(bridgeId: string, id: number): Promise<DeadLetterRecord | undefined> {
    const row = await this.db
      .selectFrom('bridge_dead_letters')
      .selectAll()
      .where('bridge_id', '=', bridgeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && this.#toRecord(row);
  }

  async update(letter: DeadLetterRecord): Promise<boolean> {
    const result = await this.db
      .updateTable('bridge_dead_letters')
      .set({ doc: this.#doc(letter), attempts: letter.attempts, failed_at: letter.failedAt })
      .where('bridge_id', '=', letter.bridgeId)
      .where('id', '=', Number(letter.id))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(bridgeId: string, id: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom('bridge_dead_letters')
      .where('bridge_id', '=', bridgeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async count(bridgeId: string): Promise<number> {
    const row = await this.db
      .selectFrom('bridge_dead_letters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('bridge_id', '=', bridgeId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
