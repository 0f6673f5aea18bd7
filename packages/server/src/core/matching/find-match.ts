import type { MatchDiff, NearMiss } from '@understudy/contracts';
import type { CompiledStub } from './compile-stub.js';
import type { RequestSnapshot } from './request-snapshot.js';
import type { StubIndex } from './stub-index.js';

export type MatchOutcome =
  | { readonly stub: CompiledStub; readonly params: Readonly<Record<string, string>> }
  | { readonly stub: null; readonly nearMisses: readonly NearMiss[] };

/** How many near misses an unmatched request reports. */
export const MAX_NEAR_MISSES = 3;

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze(
  Object.create(null) as Record<string, string>,
);

export interface FindMatchOptions {
  /**
   * How many near misses to rank when nothing matches (default 3; 0 skips ranking). Ranking costs
   * O(stubs) — about 1–2 µs per stub — so an edge under a flood of unmatched requests may lower it.
   */
  readonly nearMisses?: number;
}

/**
 * Finds the stub that answers a request: the best exact match by the tie rule, with the path
 * template's parameters. When none matches, the closest stubs by distance come back as near misses,
 * each with what differed.
 */
export function findMatch(
  index: StubIndex,
  snapshot: RequestSnapshot,
  options?: FindMatchOptions,
): MatchOutcome {
  const entry = index.lookup(snapshot);
  if (entry !== undefined) return { stub: entry.stub, params: paramsOf(entry.stub, snapshot) };
  const limit = options?.nearMisses ?? MAX_NEAR_MISSES;
  return { stub: null, nearMisses: limit > 0 ? findNearMisses(index.stubs, snapshot, limit) : [] };
}

function paramsOf(stub: CompiledStub, snapshot: RequestSnapshot): Readonly<Record<string, string>> {
  const { route } = stub.request;
  if (route?.kind !== 'template') return NO_PARAMS;
  return route.template.extract(snapshot.path) ?? NO_PARAMS;
}

interface Candidate {
  readonly stub: CompiledStub;
  readonly distance: number;
}

/**
 * The closest stubs to a request none matched, nearest first (ties: the better-ranked stub). Only
 * the miss path pays for this; diffs are worked out for the few that are reported.
 */
export function findNearMisses(
  stubs: readonly CompiledStub[],
  snapshot: RequestSnapshot,
  limit = MAX_NEAR_MISSES,
): NearMiss[] {
  const closest: Candidate[] = [];
  for (const stub of stubs) {
    // Distance 1 means nothing alike: listing such stubs would be noise, not a near miss.
    const cutoff = closest.length === limit ? (closest[limit - 1]?.distance ?? 1) : 1;
    const distance = stub.request.distanceBelow(snapshot, cutoff);
    if (distance < cutoff) insertSorted(closest, { stub, distance }, limit);
  }
  return closest.map(({ stub, distance }) => {
    const diffs: MatchDiff[] = [];
    stub.request.collectDiffs(snapshot, diffs);
    return { stubId: stub.id, name: stub.name, distance, diffs };
  });
}

// `stubs` arrive best-ranked first, so inserting after equal distances keeps ties in rank order.
function insertSorted(list: Candidate[], candidate: Candidate, limit: number): void {
  let at = list.length;
  while (at > 0 && (list[at - 1]?.distance ?? 0) > candidate.distance) at--;
  list.splice(at, 0, candidate);
  if (list.length > limit) list.pop();
}
