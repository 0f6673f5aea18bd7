import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { entryText } from '../core/mocking/self-encoding-record.js';
import type { JournalAppended, JournalPruneStep, JournalRecord } from '../core/ports/index.js';
import type { JsonColumn } from './json-column.js';
import { KyselyJournalStore } from './kysely-journal-store.js';
import type { Tables } from './schema.js';

const COLUMNS = 7;
/** Rows per multi-row INSERT: fewer statement steps per batch, still few bound parameters. */
const ROWS_PER_INSERT = 16;
const insertSql = (rows: number) =>
  `insert into journal (service, received_at, method, path, status, stub_id, entry) values ${Array(rows)
    .fill('(?, ?, ?, ?, ?, ?, ?)')
    .join(', ')}`;

// The statements of KyselyJournalStore's pruneStep, prepared once.
const PRUNE_SQL = {
  cutoff: 'select id from journal where service = ? order by id desc limit 1 offset ?',
  nthOldest: 'select id from journal where service = ? order by id limit 1 offset ?',
  dropThrough: 'delete from journal where service = ? and id <= ?',
  oldestReceivedAt: 'select received_at from journal where service = ? order by id limit 1',
  dropAgedThrough: 'delete from journal where service = ? and id <= ? and received_at < ?',
};

/**
 * The journal on SQLite, with batch appends and prune steps through prepared statements (one
 * inserting 16 rows, one inserting one): every mock call is journaled, and retention drops one row
 * per call at steady state, so building a query per batch would cost more than serving the calls.
 * Entries arrive as JSON text where the record can write its own.
 */
export class SqliteJournalStore extends KyselyJournalStore {
  readonly #appendBatch: (
    records: readonly JournalRecord[],
    prune: readonly JournalPruneStep[],
  ) => JournalAppended;
  readonly #pruneStep: (step: JournalPruneStep) => number;

  constructor(db: Kysely<Tables>, json: JsonColumn, sqlite: SQLite.Database) {
    super(db, json);
    this.#pruneStep = preparePruneStep(sqlite);
    const insertOne = sqlite.prepare(insertSql(1));
    const insertMany = sqlite.prepare(insertSql(ROWS_PER_INSERT));
    const params: unknown[] = new Array(COLUMNS * ROWS_PER_INSERT);
    const bind = (record: JournalRecord, at: number) => {
      params[at] = record.service;
      params[at + 1] = record.receivedAt;
      params[at + 2] = record.method;
      params[at + 3] = record.path;
      params[at + 4] = record.status;
      params[at + 5] = record.stubId;
      params[at + 6] = entryText(record, json.encode);
    };
    // The single writer inserts into an INTEGER PRIMARY KEY table, so the rows of one statement get
    // consecutive ids ending at the last inserted one.
    this.#appendBatch = sqlite.transaction(
      (records: readonly JournalRecord[], prune: readonly JournalPruneStep[]) => {
        const ids = new Array<number>(records.length);
        let i = 0;
        for (; i + ROWS_PER_INSERT <= records.length; i += ROWS_PER_INSERT) {
          for (let row = 0; row < ROWS_PER_INSERT; row++)
            bind(records[i + row] as JournalRecord, row * COLUMNS);
          const last = Number(insertMany.run(params).lastInsertRowid);
          for (let row = 0; row < ROWS_PER_INSERT; row++) ids[i + row] = last - ROWS_PER_INSERT + 1 + row;
        }
        for (; i < records.length; i++) {
          bind(records[i] as JournalRecord, 0);
          ids[i] = Number(insertOne.run(params.slice(0, COLUMNS)).lastInsertRowid);
        }
        return { ids, pruned: prune.map(this.#pruneStep) };
      },
    );
  }

  override async append(
    records: readonly JournalRecord[],
    prune: readonly JournalPruneStep[] = [],
  ): Promise<JournalAppended> {
    return records.length === 0 && prune.length === 0
      ? { ids: [], pruned: [] }
      : this.#appendBatch(records, prune);
  }

  override async prune(step: JournalPruneStep): Promise<number> {
    return this.#pruneStep(step);
  }
}

function preparePruneStep(sqlite: SQLite.Database): (step: JournalPruneStep) => number {
  const cutoff = sqlite.prepare<[string, number], number>(PRUNE_SQL.cutoff).pluck();
  const nthOldestId = sqlite.prepare<[string, number], number>(PRUNE_SQL.nthOldest).pluck();
  const dropThrough = sqlite.prepare(PRUNE_SQL.dropThrough);
  const oldestReceivedAt = sqlite.prepare<[string], number>(PRUNE_SQL.oldestReceivedAt).pluck();
  const dropAgedThrough = sqlite.prepare(PRUNE_SQL.dropAgedThrough);
  const nthOldest = (service: string, n: number) =>
    nthOldestId.get(service, n - 1) ?? Number.MAX_SAFE_INTEGER;
  return ({ service, maxEntries, olderThan, limit }) => {
    if (limit <= 0) return 0;
    const last = cutoff.get(service, maxEntries);
    const deleted =
      last === undefined ? 0 : dropThrough.run(service, Math.min(last, nthOldest(service, limit))).changes;
    if (deleted === limit) return deleted;
    const first = oldestReceivedAt.get(service);
    if (first === undefined || first >= olderThan) return deleted;
    const through = nthOldest(service, limit - deleted);
    return deleted + dropAgedThrough.run(service, through, olderThan).changes;
  };
}
