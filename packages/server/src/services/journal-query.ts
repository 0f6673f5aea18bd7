import type { JournalEntry } from '@understudy/contracts';
import { assertCanChange, type Actor } from '../core/auth/actor.js';
import { compilePredicate } from '../core/matching/compile-stub.js';
import { createSnapshot, type RequestSnapshot } from '../core/matching/request-snapshot.js';
import type { JournalFilter, JournalRecord, JournalStore } from '../core/ports/index.js';
import type { JournalWriter } from './journal-writer.js';
import type { ServiceCatalog } from './service-catalog.js';

const SCAN_PAGE = 1000;

type StoredEntry = Omit<
  JournalEntry,
  'id' | 'service' | 'receivedAt' | 'method' | 'path' | 'status' | 'stubId'
>;

/** What a stored entry leaves out when a field has this value (MockCallRecord writes them so). */
const ENTRY_DEFAULTS = { query: {}, body: null, stubName: null, nearMisses: [], handler: null } as const;

/** The journal entry as the API shows it. */
export function presentEntry(record: JournalRecord): JournalEntry {
  const e = record.entry as StoredEntry;
  return {
    ...ENTRY_DEFAULTS,
    ...e,
    id: String(record.id),
    service: record.service,
    receivedAt: new Date(record.receivedAt).toISOString(),
    method: record.method,
    path: record.path,
    status: record.status,
    stubId: record.stubId,
  };
}

/** Rebuilds the request of a journal entry so a predicate can be evaluated against it. */
function snapshotOf(record: JournalRecord): RequestSnapshot {
  const entry = presentEntry(record);
  const body =
    entry.body?.text ??
    (entry.body?.base64 ? Uint8Array.from(atob(entry.body.base64), (c) => c.charCodeAt(0)) : undefined);
  const cookies = Object.fromEntries(
    (entry.headers.cookie ?? '')
      .split(';')
      .map((pair) => pair.split('=').map((s) => s.trim()))
      .filter((pair): pair is [string, string] => pair.length === 2 && pair[0] !== ''),
  );
  return createSnapshot({
    method: entry.method,
    path: entry.path,
    query: entry.query,
    headers: entry.headers,
    cookies,
    body,
  });
}

/** Reading, verifying and clearing a service's journal. Reads wait for pending writes first. */
export class JournalQuery {
  constructor(
    private readonly store: JournalStore,
    private readonly writer: JournalWriter,
    private readonly services: ServiceCatalog,
  ) {}

  async page(service: string, filter: JournalFilter, limit: number, cursor?: number) {
    await this.services.get(service);
    await this.writer.flush();
    const rows = await this.store.list(service, filter, limit + 1, cursor);
    const items = rows.slice(0, limit);
    const next = rows.length > limit ? String(items[items.length - 1]?.id) : null;
    return { items: items.map(presentEntry), next };
  }

  async summary(service: string): Promise<{ count: number; lastReceivedAt: string | null }> {
    await this.services.get(service);
    await this.writer.flush();
    const { count, lastReceivedAt } = await this.store.summary(service);
    return { count, lastReceivedAt: lastReceivedAt === null ? null : new Date(lastReceivedAt).toISOString() };
  }

  async get(service: string, id: number): Promise<JournalRecord | undefined> {
    await this.writer.flush();
    return this.store.get(service, id);
  }

  /** Counts recorded calls that satisfy a request predicate (the verification API). */
  async count(service: string, predicateDoc: unknown, since?: number): Promise<number> {
    await this.services.get(service);
    const predicate = compilePredicate(predicateDoc, '/body/request');
    await this.writer.flush();
    let count = 0;
    let cursor: number | undefined;
    for (;;) {
      const rows = await this.store.list(service, since === undefined ? {} : { since }, SCAN_PAGE, cursor);
      for (const row of rows) if (predicate.isExact(snapshotOf(row))) count++;
      if (rows.length < SCAN_PAGE) return count;
      cursor = rows[rows.length - 1]?.id;
    }
  }

  async clear(actor: Actor, service: string): Promise<number> {
    const record = await this.services.get(service);
    assertCanChange(actor, record.ownerId, `service "${service}"`);
    await this.writer.flush();
    return this.store.clear(service);
  }
}
