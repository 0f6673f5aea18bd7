import type { MatchDiff } from '@understudy/contracts';
import type { RequestSnapshot } from '../request-snapshot.js';

/**
 * A compiled condition on a request. Matching yields a distance, not a boolean (STYLE rule 2):
 * 0 is an exact match, 1 nothing alike, and near misses are the stubs with the smallest distance.
 * The hot path asks the cheaper isExact(), which is true exactly when distance() is 0.
 */
export interface CompiledPredicate {
  /** Its share when combined with siblings; a group weighs what its parts weigh together. */
  readonly weight: number;
  /** How specific it is, for breaking ties between equally prioritized matches. */
  readonly specificity: number;
  /** What it looks at, e.g. headers.x-tenant; names the condition in a `not` diff. */
  readonly label: string;
  isExact(snapshot: RequestSnapshot): boolean;
  distance(snapshot: RequestSnapshot): number;
  /** Appends what differed; only called for the few closest stubs, so it may allocate. */
  collectDiffs(snapshot: RequestSnapshot, out: MatchDiff[]): void;
}

// WireMock weights the URL well above the method, and both above each header or body condition
// (RequestPattern.java): near misses are ranked by where the request was meant to go.
export const WEIGHT = { path: 10, method: 3, condition: 1 } as const;

// Specificity: the path kind dominates (exact > template with more literal segments > any other path
// operator > no path condition), then every further condition adds one.
export const SPECIFICITY = {
  exactPath: 4000,
  templatePath: 2000,
  templateLiteralShare: 1000,
  otherPath: 1000,
  condition: 1,
} as const;
