import { sql, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { entryText } from '../core/mocking/self-encoding-record.js';
import type {
  JournalAppended,
  JournalFilter,
  JournalPruneStep,
  JournalRecord,
  JournalStore,
  JournalSummary,
} from '../core/ports/index.js';
import type { JsonColumn } from './json-column.js';
import type { JournalTable, Tables } from './schema.js';

/** Selects one service's journal rows; SQLite's layout finds them by id range instead of a column. */
export type JournalRowsOf = (service: string) => Expression<SqlBool>;

/**
 * Where a dialect's journal layout differs: how a service's rows are found, where entries are read
 * whole, and how a deleted service's rows go (inside the transaction deleting the service).
 */
export interface JournalLayout {
  rowsOf: JournalRowsOf;
  readFrom: 'journal' | 'journal_entries';
  deleteAllOf(trx: Kysely<Tables>, service: string): Promise<unknown>;
}

/** One table with a `service` column and a (service, id) index: PostgreSQL's. */
export const PLAIN_JOURNAL_LAYOUT: JournalLayout = {
  rowsOf: (service) => sql<SqlBool>`service = ${service}`,
  readFrom: 'journal',
  deleteAllOf: (trx, service) => trx.deleteFrom('journal').where('service', '=', service).execute(),
};

export class KyselyJournalStore implements JournalStore {
  private readonly rowsOf: JournalRowsOf;
  private readonly readFrom: JournalLayout['readFrom'];

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly json: JsonColumn,
    layout: JournalLayout = PLAIN_JOURNAL_LAYOUT,
  ) {
    this.rowsOf = layout.rowsOf;
    this.readFrom = layout.readFrom;
  }

  #toRecord(row: Selectable<JournalTable>): JournalRecord {
    return {
      id: Number(row.id),
      service: row.service,
      receivedAt: Number(row.received_at),
      method: row.method,
      path: row.path,
      status: Number(row.status),
      stubId: row.stub_id,
      entry: this.json.decode(row.entry),
    };
  }

  async append(
    records: readonly JournalRecord[],
    prune: readonly JournalPruneStep[] = [],
  ): Promise<JournalAppended> {
    if (records.length === 0 && prune.length === 0) return { ids: [], pruned: [] };
    const rows = records.map((r) => ({
      service: r.service,
      received_at: r.receivedAt,
      method: r.method,
      path: r.path,
      status: r.status,
      stub_id: r.stubId,
      entry: entryText(r, this.json.encode),
    }));
    // Both dialects cap bound parameters (SQLite 32766); 8 columns × 500 rows stays well below.
    return this.db.transaction().execute(async (trx) => {
      const ids: number[] = [];
      for (let i = 0; i < rows.length; i += 500) {
        const batch = rows.slice(i, i + 500);
        const inserted = await trx.insertInto('journal').values(batch).returning('id').execute();
        for (const row of inserted) ids.push(Number(row.id));
      }
      const pruned: number[] = [];
      for (const step of prune) pruned.push(await pruneStep(trx, step));
      return { ids, pruned };
    });
  }

  async list(
    service: string,
    filter: JournalFilter,
    limit: number,
    before?: number,
  ): Promise<JournalRecord[]> {
    let query = this.db.selectFrom(this.readFrom).selectAll().where(this.rowsOf(service));
    if (before !== undefined) query = query.where('id', '<', before);
    if (filter.method) query = query.where('method', '=', filter.method.toUpperCase());
    if (filter.pathContains) {
      query = query.where(
        sql<boolean>`lower(path) like ${`%${escapeLike(filter.pathContains.toLowerCase())}%`} escape '\\'`,
      );
    }
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.matched !== undefined) query = query.where('stub_id', filter.matched ? 'is not' : 'is', null);
    if (filter.since !== undefined) query = query.where('received_at', '>=', filter.since);
    if (filter.until !== undefined) query = query.where('received_at', '<', filter.until);
    const rows = await query.orderBy('id', 'desc').limit(limit).execute();
    return rows.map((row) => this.#toRecord(row));
  }

  async get(service: string, id: number): Promise<JournalRecord | undefined> {
    const row = await this.db
      .selectFrom(this.readFrom)
      .selectAll()
      .where(this.rowsOf(service))
      .where('id', '=', id)
      .executeTakeFirst();
    return row && this.#toRecord(row);
  }

  async summary(service: string): Promise<JournalSummary> {
    // Both aggregates read ids only; the newest entry has the highest id.
    const row = await this.db
      .selectFrom('journal')
      .select((eb) => [eb.fn.countAll().as('count'), eb.fn.max('id').as('newest')])
      .where(this.rowsOf(service))
      .executeTakeFirstOrThrow();
    if (row.newest === null) return { count: 0, lastReceivedAt: null };
    const newest = await this.db
      .selectFrom('journal')
      .select('received_at')
      .where('id', '=', row.newest)
      .executeTakeFirst();
    return {
      count: Number(row.count),
      lastReceivedAt: newest ? Number(newest.received_at) : null,
    };
  }

  async clear(service: string): Promise<number> {
    const result = await this.db.deleteFrom('journal').where(this.rowsOf(service)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  prune(step: JournalPruneStep): Promise<number> {
    return pruneStep(this.db, step);
  }
}

function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, (c) => `\\${c}`);
}

/**
 * See JournalPruneStep. Every query walks the (service, id) index over the kept or doomed rows only;
 * deletes are id ranges, which cost less per row than deleting a list of ids.
 */
async function pruneStep(db: Kysely<Tables>, step: JournalPruneStep): Promise<number> {
  const { service, maxEntries, olderThan, limit } = step;
  if (limit <= 0) return 0;
  const ownRows = () => db.selectFrom('journal').where('service', '=', service);
  /** The id of the `n`th oldest row: deleting through it deletes `n` rows (all, when fewer). */
  const nthOldest = async (n: number) => {
    const row = await ownRows()
      .select('id')
      .orderBy('id')
      .offset(n - 1)
      .limit(1)
      .executeTakeFirst();
    return row ? Number(row.id) : Number.MAX_SAFE_INTEGER;
  };
  let deleted = 0;
  const cutoff = await ownRows()
    .select('id')
    .orderBy('id', 'desc')
    .offset(maxEntries)
    .limit(1)
    .executeTakeFirst();
  if (cutoff) {
    const through = Math.min(Number(cutoff.id), await nthOldest(limit));
    const result = await db
      .deleteFrom('journal')
      .where('service', '=', service)
      .where('id', '<=', through)
      .executeTakeFirst();
    deleted = Number(result.numDeletedRows);
  }
  if (deleted === limit) return deleted;
  // Ids follow recording order, so when the oldest entry is young enough, so are the others.
  const first = await ownRows().select('received_at').orderBy('id').limit(1).executeTakeFirst();
  if (!first || Number(first.received_at) >= olderThan) return deleted;
  const result = await db
    .deleteFrom('journal')
    .where('service', '=', service)
    .where('id', '<=', await nthOldest(limit - deleted))
    .where('received_at', '<', olderThan)
    .executeTakeFirst();
  return deleted + Number(result.numDeletedRows);
}
