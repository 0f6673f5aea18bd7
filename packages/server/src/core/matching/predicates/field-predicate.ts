import type { MatchDiff } from '@understudy/contracts';
import { preview } from '../compile-problems.js';
import type { FieldTest } from '../operators/operator.js';
import type { RequestSnapshot } from '../request-snapshot.js';
import type { CompiledPredicate } from './predicate.js';

/** Marks a value that cannot be read at all, e.g. a JSONPath on a body that is not JSON. */
export const INAPPLICABLE = Symbol('inapplicable');

/**
 * What a source reads: one text value, several values (repeated query parameters, JSONPath results;
 * an empty list means absent), undefined when absent, or INAPPLICABLE.
 */
export type FieldValues = string | undefined | readonly unknown[] | typeof INAPPLICABLE;

/** Where in the request a field predicate looks. */
export interface ValueSource {
  /** Names the field in diffs, e.g. headers.x-tenant or body $.type. */
  readonly label: string;
  /** Shown as the actual value when the source is INAPPLICABLE. */
  readonly inapplicableReason: string;
  read(snapshot: RequestSnapshot): FieldValues;
}

/** One operator applied to one field of the request; with several values, any one may satisfy it. */
export class FieldPredicate implements CompiledPredicate {
  readonly label: string;

  constructor(
    readonly source: ValueSource,
    readonly test: FieldTest,
    readonly weight: number,
    readonly specificity: number,
  ) {
    this.label = source.label;
  }

  isExact(snapshot: RequestSnapshot): boolean {
    const values = this.source.read(snapshot);
    if (values === INAPPLICABLE) return false;
    if (!Array.isArray(values)) return this.test.test(values);
    if (values.length === 0) return this.test.test(undefined);
    for (const value of values) if (this.test.test(value)) return true;
    return false;
  }

  distance(snapshot: RequestSnapshot): number {
    const values = this.source.read(snapshot);
    if (values === INAPPLICABLE) return 1;
    if (!Array.isArray(values)) return this.#distanceOf(values);
    if (values.length === 0) return this.#distanceOf(undefined);
    let best = 1;
    for (const value of values) best = Math.min(best, this.#distanceOf(value));
    return best;
  }

  // Keeps "exact ⇔ distance 0" true even where an operator's distance is an approximation.
  #distanceOf(value: unknown): number {
    return this.test.test(value) ? 0 : Math.max(this.test.distance(value), Number.EPSILON);
  }

  collectDiffs(snapshot: RequestSnapshot, out: MatchDiff[]): void {
    if (this.isExact(snapshot)) return;
    out.push({
      field: this.label,
      expected: this.test.expectation,
      actual: describeValues(this.source, snapshot),
    });
  }
}

function describeValues(source: ValueSource, snapshot: RequestSnapshot): string | null {
  const values = source.read(snapshot);
  if (values === INAPPLICABLE) return source.inapplicableReason;
  if (values === undefined) return null;
  if (!Array.isArray(values)) return preview(values);
  if (values.length === 0) return null;
  return preview(values.length === 1 ? values[0] : values);
}
