import type SQLite from 'better-sqlite3';
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { JournalLayout } from './kysely-journal-store.js';
import type { Tables } from './schema.js';

/**
 * On SQLite a service's journal rows are one rowid range: its slot × 2^40 up to the next slot. The
 * table then needs no index for per-service reads, appends or prunes. 2^40 ids last a service over
 * 250 days at 50,000 calls a second; 2^13 slots keep every id an exact JavaScript number.
 */
export const JOURNAL_SLOT_SPAN = 2 ** 40;
export const JOURNAL_SLOTS = 2 ** 13;

/** A where-clause for the rows of `service`: a rowid range, bounded by its slot (none when it has none). */
export function sqliteJournalRowsOf(service: string): RawBuilder<SqlBool> {
  const span = sql.lit(JOURNAL_SLOT_SPAN);
  return sql<SqlBool>`id > (select slot * ${span} from journal_slots where service = ${service})
    and id < (select (slot + 1) * ${span} from journal_slots where service = ${service})`;
}

/** Removes a deleted service's rows and frees its slot, inside the deleting transaction. */
async function deleteSqliteJournalOf(trx: Kysely<Tables>, service: string): Promise<void> {
  await trx.deleteFrom('journal').where(sqliteJournalRowsOf(service)).execute();
  await trx.deleteFrom('journal_slots').where('service', '=', service).execute();
}

/** Rows found by their slot's id range, read whole through the journal_entries view (migration 005). */
export const SQLITE_JOURNAL_LAYOUT: JournalLayout = {
  rowsOf: sqliteJournalRowsOf,
  readFrom: 'journal_entries',
  deleteAllOf: deleteSqliteJournalOf,
};

/** A service's id range: ids are greater than `base` and less than `end`. */
export interface JournalRange {
  base: number;
  end: number;
}

/** Prepared slot lookups, for the journal store's synchronous batch writes. */
export function prepareJournalSlots(sqlite: SQLite.Database) {
  const slotOf = sqlite.prepare<[string], number>('select slot from journal_slots where service = ?').pluck();
  // The lowest slot no service holds: 0, or the first one after a held slot whose successor is free.
  const freeSlot = sqlite
    .prepare<[], number>(
      `select case when not exists (select 1 from journal_slots where slot = 0) then 0
        else (select min(slot) + 1 from journal_slots s
              where not exists (select 1 from journal_slots t where t.slot = s.slot + 1)) end`,
    )
    .pluck();
  const claim = sqlite.prepare('insert into journal_slots (slot, service) values (?, ?)');
  const range = (slot: number): JournalRange => ({
    base: slot * JOURNAL_SLOT_SPAN,
    end: (slot + 1) * JOURNAL_SLOT_SPAN,
  });
  return {
    /** The range of a service that has a slot. */
    find(service: string): JournalRange | undefined {
      const slot = slotOf.get(service);
      return slot === undefined ? undefined : range(slot);
    },
    /**
     * The range of a service, claiming the lowest free slot the first time it is journaled; undefined
     * when all JOURNAL_SLOTS are held (until a service is deleted).
     */
    claim(service: string): JournalRange | undefined {
      const held = slotOf.get(service);
      if (held !== undefined) return range(held);
      const slot = freeSlot.get() as number;
      if (slot >= JOURNAL_SLOTS) return undefined;
      claim.run(slot, service);
      return range(slot);
    },
  };
}
