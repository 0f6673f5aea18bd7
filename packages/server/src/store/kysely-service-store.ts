import type { Kysely, Selectable } from 'kysely';
import type { ServiceRecord, ServiceStore } from '../core/ports/index.js';
import type { JsonColumn } from './json-column.js';
import { PLAIN_JOURNAL_LAYOUT, type JournalLayout } from './kysely-journal-store.js';
import type { ServicesTable, Tables } from './schema.js';
import { isUniqueViolation } from './unique-violation.js';

type ServiceDoc = Omit<ServiceRecord, 'name' | 'ownerId' | 'createdAt' | 'updatedAt'>;

export class KyselyServiceStore implements ServiceStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly json: JsonColumn,
    private readonly journal: Pick<JournalLayout, 'deleteAllOf'> = PLAIN_JOURNAL_LAYOUT,
  ) {}

  #toRecord(row: Selectable<ServicesTable>): ServiceRecord {
    const doc = this.json.decode<ServiceDoc>(row.doc);
    return {
      ...doc,
      name: row.name,
      ownerId: row.owner_id,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    };
  }

  #doc(service: ServiceRecord): string {
    const { name: _n, ownerId: _o, createdAt: _c, updatedAt: _u, ...doc } = service;
    return this.json.encode(doc);
  }

  async create(service: ServiceRecord): Promise<ServiceRecord | 'taken'> {
    try {
      await this.db
        .insertInto('services')
        .values({
          name: service.name,
          doc: this.#doc(service),
          owner_id: service.ownerId,
          created_at: service.createdAt,
          updated_at: service.updatedAt,
        })
        .execute();
      return service;
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  async get(name: string): Promise<ServiceRecord | undefined> {
    const row = await this.db.selectFrom('services').selectAll().where('name', '=', name).executeTakeFirst();
    return row && this.#toRecord(row);
  }

  async list(): Promise<ServiceRecord[]> {
    const rows = await this.db.selectFrom('services').selectAll().orderBy('name').execute();
    return rows.map((row) => this.#toRecord(row));
  }

  async update(service: ServiceRecord): Promise<ServiceRecord | undefined> {
    const result = await this.db
      .updateTable('services')
      .set({ doc: this.#doc(service), updated_at: service.updatedAt })
      .where('name', '=', service.name)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? service : undefined;
  }

  async delete(name: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await this.journal.deleteAllOf(trx, name);
      await trx.deleteFrom('stubs').where('service', '=', name).execute();
      const result = await trx.deleteFrom('services').where('name', '=', name).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }
}
