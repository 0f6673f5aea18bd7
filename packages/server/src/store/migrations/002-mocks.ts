import { sql, type Kysely } from 'kysely';
import { jsonType } from '../json-column.js';
import type { VersionedMigration } from './versioned-migration.js';

export const m002Mocks: VersionedMigration = (dialect) => ({
  async up(db: Kysely<unknown>) {
    const json = jsonType(dialect);
    await db.schema
      .createTable('services')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('doc', sql.raw(json), (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('stubs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('service', 'text', (c) => c.notNull().references('services.name').onDelete('cascade'))
      .addColumn('doc', sql.raw(json), (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('stubs_service').on('stubs').columns(['service', 'created_at']).execute();

    // The journal is append-mostly and read newest-first per service; no foreign key, so a batch
    // write never waits on the services table (rows of a deleted service are removed explicitly).
    await db.schema
      .createTable('journal')
      .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('stub_id', 'text')
      .addColumn('entry', sql.raw(json), (c) => c.notNull())
      .execute();
    await db.schema.createIndex('journal_service_id').on('journal').columns(['service', 'id']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('journal').execute();
    await db.schema.dropTable('stubs').execute();
    await db.schema.dropTable('services').execute();
  },
});
