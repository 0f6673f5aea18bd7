import type { MatchDiff } from '@understudy/contracts';
import { preview } from '../compile-problems.js';
import { jsonDistance, jsonMatches, type JsonComparison } from '../json-compare.js';
import type { RequestSnapshot } from '../request-snapshot.js';
import { SPECIFICITY, WEIGHT, type CompiledPredicate } from './predicate.js';

/** `equalsJson` / `matchesJson`: the whole body, parsed as JSON, equals or contains a JSON value. */
export class JsonBodyPredicate implements CompiledPredicate {
  readonly weight = WEIGHT.condition;
  readonly specificity = SPECIFICITY.condition;
  readonly label = 'body';
  readonly #expectation: string;

  constructor(
    readonly expected: unknown,
    readonly how: JsonComparison,
  ) {
    this.#expectation = `${how.subset ? 'matchesJson' : 'equalsJson'} ${preview(JSON.stringify(expected))}`;
  }

  isExact(snapshot: RequestSnapshot): boolean {
    const json = snapshot.json;
    return json !== undefined && jsonMatches(this.expected, json, this.how);
  }

  distance(snapshot: RequestSnapshot): number {
    const json = snapshot.json;
    if (json === undefined) return 1;
    if (jsonMatches(this.expected, json, this.how)) return 0;
    // Only the first elements of long arrays are compared, so never let an approximation read as exact.
    return Math.max(jsonDistance(this.expected, json, this.how), Number.EPSILON);
  }

  collectDiffs(snapshot: RequestSnapshot, out: MatchDiff[]): void {
    if (this.isExact(snapshot)) return;
    out.push({ field: this.label, expected: this.#expectation, actual: describeBody(snapshot) });
  }
}

function describeBody(snapshot: RequestSnapshot): string | null {
  if (snapshot.body.length === 0) return null;
  const json = snapshot.json;
  return json === undefined ? `body is not JSON: ${preview(snapshot.text, 120)}` : preview(json);
}
