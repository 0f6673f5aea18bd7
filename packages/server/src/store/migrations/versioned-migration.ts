import type { Migration } from 'kysely';
import type { DialectName } from '../schema.js';

/** A migration written once for both dialects; `dialect` picks column types where they differ. */
export type VersionedMigration = (dialect: DialectName) => Migration;
