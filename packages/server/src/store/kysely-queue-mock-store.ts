import type { Kysely, Selectable } from 'kysely';
import type { QueueMockRecord, QueueMockStore } from '../core/ports/index.js';
import { isForeignKeyViolation } from './foreign-key-violation.js';
import type { JsonColumn } from './json-column.js';
import type { QueueMocksTable, Tables } from './schema.js';
import { isUniqueViolation } from './unique-violation.js';

type QueueMockDoc = Pick<QueueMockRecord, 'create' | 'options' | 'retention' | 'autoReply'>;

export class KyselyQueueMockStore implements QueueMockStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly json: JsonColumn,
  ) {}

  #toRecord(row: Selectable<QueueMocksTable>): QueueMockRecord {
    const doc = this.json.decode<QueueMockDoc>(row.doc);
    return {
      id: row.id,
      broker: row.broker,
      queue: row.queue,
      create: doc.create,
      options: doc.options,
      retention: doc.retention,
      autoReply: doc.autoReply,
      ownerId: row.owner_id,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    };
  }

  #doc({ create, options, retention, autoReply }: QueueMockRecord): string {
    return this.json.encode({ create, options, retention, autoReply } satisfies QueueMockDoc);
  }

  async create(mock: QueueMockRecord): Promise<QueueMockRecord | 'taken' | 'no-broker'> {
    try {
      await this.db
        .insertInto('queue_mocks')
        .values({
          id: mock.id,
          broker: mock.broker,
          queue: mock.queue,
          doc: this.#doc(mock),
          owner_id: mock.ownerId,
          created_at: mock.createdAt,
          updated_at: mock.updatedAt,
        })
        .execute();
      return mock;
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      if (isForeignKeyViolation(error)) return 'no-broker';
      throw error;
    }
  }

  async get(id: string): Promise<QueueMockRecord | undefined> {
    const row = await this.db.selectFrom('queue_mocks').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.#toRecord(row);
  }

  async list(): Promise<QueueMockRecord[]> {
    const rows = await this.db
      .selectFrom('queue_mocks')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => this.#toRecord(row));
  }

  async listByBroker(broker: string): Promise<QueueMockRecord[]> {
    const rows = await this.db
      .selectFrom('queue_mocks')
      .selectAll()
      .where('broker', '=', broker)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => this.#toRecord(row));
  }

  async update(mock: QueueMockRecord): Promise<QueueMockRecord | undefined> {
    const result = await this.db
      .updateTable('queue_mocks')
      .set({ doc: this.#doc(mock), updated_at: mock.updatedAt })
      .where('id', '=', mock.id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? mock : undefined;
  }

  async delete(id: string, { keepMessages = false }: { keepMessages?: boolean } = {}): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      if (!keepMessages) await trx.deleteFrom('queue_messages').where('queue_id', '=', id).execute();
      const result = await trx.deleteFrom('queue_mocks').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }
}
