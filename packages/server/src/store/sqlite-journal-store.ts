import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { entryTextParts } from '../core/mocking/self-encoding-record.js';
import type { JournalAppended, JournalPruneStep, JournalRecord } from '../core/ports/index.js';
import type { JsonColumn } from './json-column.js';
import { KyselyJournalStore } from './kysely-journal-store.js';
import type { Tables } from './schema.js';
import { prepareJournalSlots, SQLITE_JOURNAL_LAYOUT, type JournalRange } from './sqlite-journal-layout.js';

const COLUMNS = 8;
/** Rows per multi-row INSERT: fewer statement steps per batch, still few bound parameters. */
const ROWS_PER_INSERT = 16;
const insertSql = (rows: number) =>
  `insert into journal (id, received_at, method, path, status, stub_id, entry, shared_id) values ${Array(rows)
    .fill('(?, ?, ?, ?, ?, ?, ?, ?)')
    .join(', ')}`;

const RANGE_SQL = {
  newest: 'select max(id) from journal where id > ? and id < ?',
  oldest: 'select min(id) from journal where id > ? and id < ?',
  firstYoung: 'select id from journal where id >= ? and id <= ? and received_at >= ? order by id limit 1',
  drop: 'delete from journal where id >= ? and id <= ?',
};

/**
 * The journal on SQLite, with batch appends and prune steps through prepared statements (one
 * inserting 16 rows, one inserting one): every mock call is journaled, and retention drops one row
 * per call at steady state, so building a query per batch would cost more than serving the calls.
 * Entries arrive as JSON text where the record can write its own, and an end they share with
 * other entries is stored once (journal_shared; see migration 005).
 *
 * A service's rows are the id range of its slot (sqlite-journal-layout), numbered on from its newest
 * id, and retention only ever drops the oldest ones: a service's ids stay consecutive, so where its
 * newest `maxEntries` begin is arithmetic, not a walk over them.
 */
export class SqliteJournalStore extends KyselyJournalStore {
  readonly #appendBatch: (
    records: readonly JournalRecord[],
    prune: readonly JournalPruneStep[],
  ) => JournalAppended;
  readonly #pruneStep: (step: JournalPruneStep) => number;
  readonly #sharedIds: SharedEnds;

  constructor(db: Kysely<Tables>, json: JsonColumn, sqlite: SQLite.Database) {
    super(db, json, SQLITE_JOURNAL_LAYOUT);
    const slots = prepareJournalSlots(sqlite);
    const sharedIds = (this.#sharedIds = new SharedEnds(sqlite));
    const newest = sqlite.prepare<[number, number], number | null>(RANGE_SQL.newest).pluck();
    this.#pruneStep = preparePruneStep(sqlite, slots.find, newest);
    const insertOne = sqlite.prepare(insertSql(1));
    const insertMany = sqlite.prepare(insertSql(ROWS_PER_INSERT));
    const params: unknown[] = new Array(COLUMNS * ROWS_PER_INSERT);
    const bind = (record: JournalRecord, id: number, at: number) => {
      params[at] = id;
      params[at + 1] = record.receivedAt;
      params[at + 2] = record.method;
      params[at + 3] = record.path;
      params[at + 4] = record.status;
      const { stubId } = record;
      const { own, shared } = entryTextParts(record, json.encode);
      // A shared end is kept once with its stub's id; the row keeps only what is its own.
      const shares = shared !== undefined && stubId !== null;
      params[at + 5] = shares ? null : stubId;
      params[at + 6] = shares ? own : own + (shared ?? '');
      params[at + 7] = shares ? sharedIds.idOf(stubId, shared) : null;
    };
    this.#appendBatch = sqlite.transaction(
      (records: readonly JournalRecord[], prune: readonly JournalPruneStep[]) => {
        const ids = new Array<number | null>(records.length);
        // Per service in this batch: its next id and the end of its range (none: it has no slot).
        const next = new Map<string, { id: number; end: number } | null>();
        for (let i = 0; i < records.length; i++) {
          const service = (records[i] as JournalRecord).service;
          let at = next.get(service);
          if (at === undefined) {
            const range = slots.claim(service);
            at = range ? { id: (newest.get(range.base, range.end) ?? range.base) + 1, end: range.end } : null;
            next.set(service, at);
          }
          ids[i] = at !== null && at.id < at.end ? at.id++ : null;
        }
        const refused = ids.includes(null);
        const kept = refused ? records.filter((_, i) => ids[i] !== null) : records;
        const keptIds = (refused ? ids.filter((id) => id !== null) : ids) as number[];
        let i = 0;
        for (; i + ROWS_PER_INSERT <= kept.length; i += ROWS_PER_INSERT) {
          for (let row = 0; row < ROWS_PER_INSERT; row++)
            bind(kept[i + row] as JournalRecord, keptIds[i + row] as number, row * COLUMNS);
          insertMany.run(params);
        }
        for (; i < kept.length; i++) {
          bind(kept[i] as JournalRecord, keptIds[i] as number, 0);
          insertOne.run(params.slice(0, COLUMNS));
        }
        return { ids, pruned: prune.map(this.#pruneStep) };
      },
    );
  }

  override async append(
    records: readonly JournalRecord[],
    prune: readonly JournalPruneStep[] = [],
  ): Promise<JournalAppended> {
    if (records.length === 0 && prune.length === 0) return { ids: [], pruned: [] };
    try {
      return this.#appendBatch(records, prune);
    } catch (error) {
      // Ids the rolled-back transaction gave to new shared ends are not in the table.
      this.#sharedIds.forget();
      throw error;
    }
  }

  override async prune(step: JournalPruneStep): Promise<number> {
    return this.#pruneStep(step);
  }
}

/** Rows are never deleted from journal_shared, so a known id stays right; only a rollback unmakes one. */
const MAX_KNOWN_SHARED = 10_000;

/**
 * The ids of shared entry ends with their stub, known ones from memory: a static stub's end is the
 * same string each time, so the lookup finds its hash already computed.
 */
class SharedEnds {
  readonly #known = new Map<string, Map<string, number>>();
  #count = 0;
  readonly #insert: SQLite.Statement<[string, string]>;
  readonly #find: SQLite.Statement<[string, string], number>;

  constructor(sqlite: SQLite.Database) {
    this.#insert = sqlite.prepare(
      'insert into journal_shared (stub_id, text) values (?, ?) on conflict (stub_id, text) do nothing',
    );
    this.#find = sqlite
      .prepare<[string, string], number>('select id from journal_shared where stub_id = ? and text = ?')
      .pluck();
  }

  idOf(stubId: string, text: string): number {
    let ofStub = this.#known.get(stubId);
    let id = ofStub?.get(text);
    if (id === undefined) {
      this.#insert.run(stubId, text);
      id = this.#find.get(stubId, text) as number;
      if (this.#count++ >= MAX_KNOWN_SHARED) this.forget();
      if (ofStub === undefined) this.#known.set(stubId, (ofStub = new Map()));
      ofStub.set(text, id);
    }
    return id;
  }

  forget(): void {
    this.#known.clear();
    this.#count = 0;
  }
}

/**
 * See JournalPruneStep: one range delete of the oldest rows, through whichever reaches further of
 * the rows beyond the newest `maxEntries` and the expired ones in front (the first entry still young
 * enough stops it), never more than `limit` rows.
 */
function preparePruneStep(
  sqlite: SQLite.Database,
  rangeOf: (service: string) => JournalRange | undefined,
  newest: SQLite.Statement<[number, number], number | null>,
): (step: JournalPruneStep) => number {
  const oldest = sqlite.prepare<[number, number], number | null>(RANGE_SQL.oldest).pluck();
  const firstYoung = sqlite.prepare<[number, number, number], number>(RANGE_SQL.firstYoung).pluck();
  const drop = sqlite.prepare(RANGE_SQL.drop);
  return ({ service, maxEntries, olderThan, limit }) => {
    if (limit <= 0) return 0;
    const range = rangeOf(service);
    const first = range && oldest.get(range.base, range.end);
    if (!range || first == null) return 0;
    const last = newest.get(range.base, range.end) as number;
    const furthest = Math.min(first + limit - 1, last);
    let through = Math.min(last - maxEntries, furthest);
    if (through < furthest) {
      const young = firstYoung.get(Math.max(through + 1, first), furthest, olderThan);
      through = young === undefined ? furthest : Math.max(through, young - 1);
    }
    return through < first ? 0 : drop.run(first, through).changes;
  };
}
