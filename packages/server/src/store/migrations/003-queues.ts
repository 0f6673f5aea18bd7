import { sql, type Kysely } from 'kysely';
import { jsonType } from '../json-column.js';
import type { VersionedMigration } from './versioned-migration.js';

export const m003Queues: VersionedMigration = (dialect) => ({
  async up(db: Kysely<unknown>) {
    const json = sql.raw(jsonType(dialect));
    // Owners are not foreign keys: a broker or queue mock outlives the account that made it (admins
    // can still change it), as brokers are shared team infrastructure.
    await db.schema
      .createTable('brokers')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('doc', json, (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    // No cascade: the database itself refuses to delete a broker that queue mocks still read from.
    await db.schema
      .createTable('queue_mocks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('broker', 'text', (c) => c.notNull().references('brokers.name'))
      .addColumn('queue', 'text', (c) => c.notNull())
      .addColumn('doc', json, (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('queue_mocks_broker_queue', ['broker', 'queue'])
      .execute();

    // Append-mostly, read newest first per queue mock. No foreign key, so a batch insert never waits
    // on queue_mocks; a deleted mock's messages are removed with it explicitly. JSON bodies go to
    // body_json, text and base64 to body_text. On PostgreSQL body_json and meta are `json`, not JSONB:
    // kept byte for byte as delivered (JSONB re-encodes), still queryable with -> and ->>, searched as
    // text without re-serialising, and half the database CPU per stored message (JSONB conversion was
    // most of it; see bench/intake-rabbitmq-store.js). Nothing here needs JSONB's indexing.
    const message = sql.raw(dialect === 'postgres' ? 'json' : 'text');
    await db.schema
      .createTable('queue_messages')
      .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
      .addColumn('queue_id', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('broker_message_id', 'text')
      .addColumn('redelivered', 'integer', (c) => c.notNull())
      .addColumn('routing_key', 'text', (c) => c.notNull())
      .addColumn('body_encoding', 'text', (c) => c.notNull())
      .addColumn('body_json', message)
      .addColumn('body_text', 'text')
      .addColumn('meta', message, (c) => c.notNull())
      .addColumn('reply', message)
      .execute();
    await db.schema
      .createIndex('queue_messages_queue_id')
      .on('queue_messages')
      .columns(['queue_id', 'id'])
      .execute();
    // Redeliveries are deduped on the broker's message id. Partial: messages without one (most AMQP
    // traffic) cost no entry here.
    await db.schema
      .createIndex('queue_messages_dedupe')
      .unique()
      .on('queue_messages')
      .columns(['queue_id', 'broker_message_id'])
      .where(sql.ref('broker_message_id'), 'is not', null)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('queue_messages').execute();
    await db.schema.dropTable('queue_mocks').execute();
    await db.schema.dropTable('brokers').execute();
  },
});
