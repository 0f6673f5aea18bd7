import type { JournalEntry } from '@understudy/contracts';
import type { JournalFilters } from '../api/get-journal';

/** The most live entries kept on top of the fetched pages; older ones come back with "Load older". */
export const LIVE_CAP = 500;

/** The filters the server applies to pages, applied to streamed entries too. */
export function matchesFilters(entry: JournalEntry, filters: JournalFilters): boolean {
  if (filters.method && entry.method.toUpperCase() !== filters.method.toUpperCase()) return false;
  if (filters.path && !entry.path.toLowerCase().includes(filters.path.toLowerCase())) return false;
  if (filters.matched !== undefined && (entry.stubId !== null) !== filters.matched) return false;
  return true;
}

/** Streamed and fetched entries as one list, newest first, each once (a call can arrive both ways). */
export function mergeEntries(
  live: readonly JournalEntry[],
  fetched: readonly JournalEntry[],
): JournalEntry[] {
  const byId = new Map<string, JournalEntry>();
  for (const entry of [...live, ...fetched]) if (!byId.has(entry.id)) byId.set(entry.id, entry);
  return [...byId.values()].sort((a, b) => Number(b.id) - Number(a.id));
}
