import type { Kysely, Selectable } from 'kysely';
import type { BrokerKind, BrokerRecord, BrokerStore } from '../core/ports/index.js';
import { isForeignKeyViolation } from './foreign-key-violation.js';
import type { JsonColumn } from './json-column.js';
import type { BrokersTable, Tables } from './schema.js';
import { isUniqueViolation } from './unique-violation.js';

type BrokerDoc = Pick<BrokerRecord, 'url' | 'username' | 'passwordSealed' | 'options'>;

export class KyselyBrokerStore implements BrokerStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly json: JsonColumn,
  ) {}

  #toRecord(row: Selectable<BrokersTable>): BrokerRecord {
    const doc = this.json.decode<BrokerDoc>(row.doc);
    return {
      name: row.name,
      kind: row.kind as BrokerKind,
      url: doc.url,
      username: doc.username,
      passwordSealed: doc.passwordSealed,
      options: doc.options,
      ownerId: row.owner_id,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    };
  }

  #doc({ url, username, passwordSealed, options }: BrokerRecord): string {
    return this.json.encode({ url, username, passwordSealed, options } satisfies BrokerDoc);
  }

  async create(broker: BrokerRecord): Promise<BrokerRecord | 'taken'> {
    try {
      await this.db
        .insertInto('brokers')
        .values({
          name: broker.name,
          kind: broker.kind,
          doc: this.#doc(broker),
          owner_id: broker.ownerId,
          created_at: broker.createdAt,
          updated_at: broker.updatedAt,
        })
        .execute();
      return broker;
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  async get(name: string): Promise<BrokerRecord | undefined> {
    const row = await this.db.selectFrom('brokers').selectAll().where('name', '=', name).executeTakeFirst();
    return row && this.#toRecord(row);
  }

  async list(): Promise<BrokerRecord[]> {
    const rows = await this.db.selectFrom('brokers').selectAll().orderBy('name').execute();
    return rows.map((row) => this.#toRecord(row));
  }

  async update(broker: BrokerRecord): Promise<BrokerRecord | undefined> {
    const result = await this.db
      .updateTable('brokers')
      .set({ doc: this.#doc(broker), updated_at: broker.updatedAt })
      .where('name', '=', broker.name)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? broker : undefined;
  }

  async delete(name: string): Promise<boolean | 'in-use'> {
    try {
      const result = await this.db.deleteFrom('brokers').where('name', '=', name).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    } catch (error) {
      if (isForeignKeyViolation(error)) return 'in-use';
      throw error;
    }
  }
}
