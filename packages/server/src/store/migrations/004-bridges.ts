import { sql, type Kysely } from 'kysely';
import { jsonType } from '../json-column.js';
import type { VersionedMigration } from './versioned-migration.js';

export const m004Bridges: VersionedMigration = (dialect) => ({
  async up(db: Kysely<unknown>) {
    const json = sql.raw(jsonType(dialect));
    // Both ends reference their broker, so the database refuses to delete a broker a bridge uses.
    // Counters live on the row and are only ever incremented (`x = x + ?`), so several nodes running
    // the same bridge add up instead of overwriting each other.
    await db.schema
      .createTable('bridges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('in_broker', 'text', (c) => c.notNull().references('brokers.name'))
      .addColumn('out_broker', 'text', (c) => c.notNull().references('brokers.name'))
      .addColumn('doc', json, (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('in_count', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('out_count', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('dropped_count', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('dead_count', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();

    // One row per IN message the mapper gave up on. Unique per message id: a redelivery after a crash
    // (dead letter written, IN not yet acked) finds its dead letter already there instead of doubling it.
    await db.schema
      .createTable('bridge_dead_letters')
      .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
      .addColumn('bridge_id', 'text', (c) => c.notNull().references('bridges.id').onDelete('cascade'))
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('failed_at', 'bigint', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('doc', json, (c) => c.notNull())
      .addUniqueConstraint('bridge_dead_letters_message', ['bridge_id', 'message_id'])
      .execute();
    await db.schema
      .createIndex('bridge_dead_letters_bridge_id')
      .on('bridge_dead_letters')
      .columns(['bridge_id', 'id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('bridge_dead_letters').execute();
    await db.schema.dropTable('bridges').execute();
  },
});
