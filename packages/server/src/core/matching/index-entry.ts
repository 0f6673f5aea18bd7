import type { CompiledStub } from './compile-stub.js';
import type { CompiledPredicate } from './predicates/predicate.js';
import type { RequestSnapshot } from './request-snapshot.js';

/** A stub as filed in the index: its rank and what is left to check once the index found it. */
export interface IndexEntry {
  readonly stub: CompiledStub;
  /** Position in the tie rule (priority, specificity, newest): 0 is the best stub of the service. */
  readonly order: number;
  /** The predicate minus the method and path the index already matched. */
  readonly check: CompiledPredicate;
}

/** The best match found so far while walking the index for one request. */
export interface Search {
  best: IndexEntry | undefined;
  /** The best entry's order, or +Infinity: entries ranked at or below it need not be evaluated. */
  bestOrder: number;
}

/**
 * Considers a list of entries sorted by order: the first one that matches is the list's best, and
 * nothing ranked below the best found so far is evaluated at all.
 */
export function considerEntries(
  entries: readonly IndexEntry[],
  snapshot: RequestSnapshot,
  search: Search,
): void {
  for (const entry of entries) {
    if (entry.order >= search.bestOrder) return;
    if (entry.check.isExact(snapshot)) {
      search.best = entry;
      search.bestOrder = entry.order;
      return;
    }
  }
}

/** Sort key for entry lists. */
export function byOrder(a: IndexEntry, b: IndexEntry): number {
  return a.order - b.order;
}
