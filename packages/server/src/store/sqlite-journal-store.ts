import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { JournalRecord } from '../core/ports/index.js';
import type { JsonColumn } from './json-column.js';
import { KyselyJournalStore } from './kysely-journal-store.js';
import type { Tables } from './schema.js';

/**
 * The journal on SQLite, with batch appends through one prepared statement: every mock call is
 * journaled, so building and preparing a multi-row INSERT per batch would cost more than serving it.
 */
export class SqliteJournalStore extends KyselyJournalStore {
  readonly #appendBatch: (records: readonly JournalRecord[]) => number[];

  constructor(db: Kysely<Tables>, json: JsonColumn, sqlite: SQLite.Database) {
    super(db, json);
    const insert = sqlite.prepare(
      `insert into journal (service, received_at, method, path, status, stub_id, entry)
       values (?, ?, ?, ?, ?, ?, ?) returning id`,
    );
    insert.pluck();
    this.#appendBatch = sqlite.transaction((records: readonly JournalRecord[]) =>
      records.map(
        (r) =>
          insert.get(
            r.service,
            r.receivedAt,
            r.method,
            r.path,
            r.status,
            r.stubId,
            json.encode(r.entry),
          ) as number,
      ),
    );
  }

  override async append(records: readonly JournalRecord[]): Promise<number[]> {
    return records.length === 0 ? [] : this.#appendBatch(records);
  }
}
