import type { Kysely, Selectable } from 'kysely';
import type { StubRecord, StubStore } from '../core/ports/index.js';
import type { JsonColumn } from './json-column.js';
import type { StubsTable, Tables } from './schema.js';

export class KyselyStubStore implements StubStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly json: JsonColumn,
  ) {}

  #toRecord(row: Selectable<StubsTable>): StubRecord {
    return {
      id: row.id,
      service: row.service,
      doc: this.json.decode(row.doc),
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
      createdBy: row.created_by,
      updatedBy: row.updated_by,
    };
  }

  async create(stub: StubRecord): Promise<void> {
    await this.db
      .insertInto('stubs')
      .values({
        id: stub.id,
        service: stub.service,
        doc: this.json.encode(stub.doc),
        created_at: stub.createdAt,
        updated_at: stub.updatedAt,
        created_by: stub.createdBy,
        updated_by: stub.updatedBy,
      })
      .execute();
  }

  async get(service: string, id: string): Promise<StubRecord | undefined> {
    const row = await this.db
      .selectFrom('stubs')
      .selectAll()
      .where('service', '=', service)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && this.#toRecord(row);
  }

  async listForService(service: string): Promise<StubRecord[]> {
    const rows = await this.db
      .selectFrom('stubs')
      .selectAll()
      .where('service', '=', service)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => this.#toRecord(row));
  }

  async listAll(): Promise<StubRecord[]> {
    const rows = await this.db.selectFrom('stubs').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map((row) => this.#toRecord(row));
  }

  async update(stub: StubRecord): Promise<boolean> {
    const result = await this.db
      .updateTable('stubs')
      .set({ doc: this.json.encode(stub.doc), updated_at: stub.updatedAt, updated_by: stub.updatedBy })
      .where('service', '=', stub.service)
      .where('id', '=', stub.id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(service: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('stubs')
      .where('service', '=', service)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async countByService(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('stubs')
      .select(['service', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('service')
      .execute();
    return new Map(rows.map((r) => [r.service, Number(r.n)]));
  }
}
