import { sql, type Kysely } from 'kysely';
import type { VersionedMigration } from './versioned-migration.js';

/**
 * SQLite only: the journal loses its (service, id) index. Each service gets a slot, and its rows
 * ids from slot × 2^40 up, so its rows are one rowid range of the table itself: an append writes
 * one b-tree instead of two, and a prune deletes a range without index upkeep. Existing rows keep
 * their order and are numbered from 1 within their service's range.
 *
 * The end of an entry that many entries share (a static stub's answer) is kept once, in
 * journal_shared with the stub's id, and the row holds the rest; the service is its slot's. Rows are
 * half as large, and each costs about that much less to bind, insert, write twice (WAL, checkpoint)
 * and delete. `journal_entries` joins them back. PostgreSQL keeps its layout.
 */
/** Ids per slot; the same as JOURNAL_SLOT_SPAN of sqlite-journal-layout.ts (a migration keeps its own). */
const SLOT_SPAN = 2 ** 40;

export const m005SqliteJournalLayout: VersionedMigration = (dialect) => ({
  async up(db: Kysely<unknown>) {
    if (dialect !== 'sqlite') return;
    await sql`create table journal_slots (slot integer primary key, service text not null unique)`.execute(
      db,
    );
    await sql`insert into journal_slots (slot, service)
      select row_number() over (order by service) - 1, service from (select distinct service from journal)`.execute(
      db,
    );
    await sql`create table journal_by_slot (
      id integer primary key, received_at bigint not null, method text not null, path text not null,
      status integer not null, stub_id text, entry text not null, shared_id integer)`.execute(db);
    await sql`insert into journal_by_slot
      select s.slot * ${sql.lit(SLOT_SPAN)} + row_number() over (partition by j.service order by j.id),
        j.received_at, j.method, j.path, j.status, j.stub_id, j.entry, null
      from journal j join journal_slots s on s.service = j.service`.execute(db);
    await sql`drop table journal`.execute(db);
    await sql`alter table journal_by_slot rename to journal`.execute(db);
    await sql`create table journal_shared (
      id integer primary key, stub_id text not null, text text not null, unique (stub_id, text))`.execute(db);
    await sql`create view journal_entries as
      select j.id, (select service from journal_slots where slot = j.id / ${sql.lit(SLOT_SPAN)}) as service,
        j.received_at, j.method, j.path, j.status,
        case when j.shared_id is null then j.stub_id else s.stub_id end as stub_id,
        case when j.shared_id is null then j.entry else j.entry || s.text end as entry
      from journal j left join journal_shared s on s.id = j.shared_id`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    if (dialect !== 'sqlite') return;
    await sql`create table journal_by_id as select * from journal_entries`.execute(db);
    await sql`drop view journal_entries`.execute(db);
    await sql`drop table journal`.execute(db);
    await sql`drop table journal_shared`.execute(db);
    await sql`drop table journal_slots`.execute(db);
    await sql`create table journal (
      id integer primary key, service text not null, received_at bigint not null, method text not null,
      path text not null, status integer not null, stub_id text, entry text not null)`.execute(db);
    await sql`insert into journal select * from journal_by_id`.execute(db);
    await sql`drop table journal_by_id`.execute(db);
    await sql`create index journal_service_id on journal (service, id)`.execute(db);
  },
});
