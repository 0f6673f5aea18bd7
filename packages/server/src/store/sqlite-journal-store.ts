import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { entryText } from '../core/mocking/self-encoding-record.js';
import type { JournalRecord } from '../core/ports/index.js';
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

/**
 * The journal on SQLite, with batch appends through prepared statements (one inserting 16 rows,
 * one inserting one): every mock call is journaled, so building a query per batch would cost more
 * than serving the calls. Entries arrive as JSON text where the record can write its own.
 */
export class SqliteJournalStore extends KyselyJournalStore {
  readonly #appendBatch: (records: readonly JournalRecord[]) => number[];

  constructor(db: Kysely<Tables>, json: JsonColumn, sqlite: SQLite.Database) {
    super(db, json);
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
    this.#appendBatch = sqlite.transaction((records: readonly JournalRecord[]) => {
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
      return ids;
    });
  }

  override async append(records: readonly JournalRecord[]): Promise<number[]> {
    return records.length === 0 ? [] : this.#appendBatch(records);
  }
}
