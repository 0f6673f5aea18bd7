import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectName } from '../schema.js';
import { m001Auth } from './001-auth.js';
import { m002Mocks } from './002-mocks.js';
import { m003Queues } from './003-queues.js';
import { m004Bridges } from './004-bridges.js';
import { m005SqliteJournalLayout } from './005-sqlite-journal-layout.js';
import type { VersionedMigration } from './versioned-migration.js';

/** In order; never edit one that has shipped — add the next. */
const MIGRATIONS: Record<string, VersionedMigration> = {
  '001-auth': m001Auth,
  '002-mocks': m002Mocks,
  '003-queues': m003Queues,
  '004-bridges': m004Bridges,
  '005-sqlite-journal-layout': m005SqliteJournalLayout,
};

class InCodeMigrations implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(Object.entries(MIGRATIONS).map(([name, make]) => [name, make(this.dialect)]));
  }
}

/** Brings the schema to the migration named `name`: tests of a later migration start from there. */
export async function migrateTo(db: Kysely<unknown>, dialect: DialectName, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider: new InCodeMigrations(dialect) }).migrateTo(name);
  if (error) throw error;
}

// Kysely's migrator takes a lock table, so several nodes starting on one PostgreSQL migrate once.
export async function migrateToLatest(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const migrator = new Migrator({ db, provider: new InCodeMigrations(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${cause}`, { cause: error });
  }
}
