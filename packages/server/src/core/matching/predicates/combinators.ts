import type { MatchDiff } from '@understudy/contracts';
import type { RequestSnapshot } from '../request-snapshot.js';
import type { CompiledPredicate } from './predicate.js';

/** Every part must hold; the distance is the weighted mean of the parts' distances. */
export class AllOfPredicate implements CompiledPredicate {
  readonly weight: number;
  readonly specificity: number;
  readonly label: string;
  /** The parts heaviest first, so a bounded distance can stop early. */
  readonly #byWeight: readonly CompiledPredicate[];

  constructor(readonly parts: readonly CompiledPredicate[]) {
    this.weight = parts.reduce((sum, part) => sum + part.weight, 0);
    this.specificity = parts.reduce((sum, part) => sum + part.specificity, 0);
    this.label = parts.length === 0 ? 'any request' : parts.map((part) => part.label).join(', ');
    this.#byWeight = [...parts].sort((a, b) => b.weight - a.weight);
  }

  isExact(snapshot: RequestSnapshot): boolean {
    for (const part of this.parts) if (!part.isExact(snapshot)) return false;
    return true;
  }

  distance(snapshot: RequestSnapshot): number {
    return this.distanceBelow(snapshot, Number.POSITIVE_INFINITY);
  }

  /**
   * The weighted mean of the parts' distances when it is below `cutoff`; otherwise some value >=
   * cutoff, found early: the heaviest parts come first, so most far-off stubs are dismissed on their
   * path alone. Written as a plain loop because it runs for every stub on every unmatched request.
   */
  distanceBelow(snapshot: RequestSnapshot, cutoff: number): number {
    if (this.weight === 0) return 0;
    const bound = cutoff * this.weight;
    let total = 0;
    for (const part of this.#byWeight) {
      if (part.weight === 0) continue;
      total += part.weight * part.distance(snapshot);
      if (total >= bound) break;
    }
    return total / this.weight;
  }

  collectDiffs(snapshot: RequestSnapshot, out: MatchDiff[]): void {
    for (const part of this.parts) part.collectDiffs(snapshot, out);
  }
}

/** At least one option must hold; the distance is that of the closest option. */
export class AnyOfPredicate implements CompiledPredicate {
  readonly weight: number;
  readonly specificity: number;
  readonly label: string;

  constructor(readonly options: readonly CompiledPredicate[]) {
    this.weight = Math.max(0, ...options.map((option) => option.weight));
    this.specificity = Math.min(...options.map((option) => option.specificity));
    this.label = `anyOf(${options.map((option) => option.label).join(' | ')})`;
  }

  isExact(snapshot: RequestSnapshot): boolean {
    for (const option of this.options) if (option.isExact(snapshot)) return true;
    return false;
  }

  distance(snapshot: RequestSnapshot): number {
    let best = 1;
    for (const option of this.options) best = Math.min(best, option.distance(snapshot));
    return best;
  }

  collectDiffs(snapshot: RequestSnapshot, out: MatchDiff[]): void {
    let closest: CompiledPredicate | undefined;
    let best = Number.POSITIVE_INFINITY;
    for (const option of this.options) {
      const distance = option.distance(snapshot);
      if (distance < best) [best, closest] = [distance, option];
    }
    if (best > 0) closest?.collectDiffs(snapshot, out);
  }
}

/** Holds when the inner predicate does not; either fully (0) or not at all (1). */
export class NotPredicate implements CompiledPredicate {
  readonly weight: number;
  readonly specificity: number;
  readonly label: string;

  constructor(readonly inner: CompiledPredicate) {
    // A `not` around an empty predicate still decides the match, so it must weigh something.
    this.weight = Math.max(inner.weight, 1);
    this.specificity = inner.specificity;
    this.label = `not(${inner.label})`;
  }

  isExact(snapshot: RequestSnapshot): boolean {
    return !this.inner.isExact(snapshot);
  }

  distance(snapshot: RequestSnapshot): number {
    return this.inner.isExact(snapshot) ? 1 : 0;
  }

  collectDiffs(snapshot: RequestSnapshot, out: MatchDiff[]): void {
    if (this.inner.isExact(snapshot)) {
      out.push({ field: this.label, expected: `${this.inner.label} not to match`, actual: 'it matched' });
    }
  }
}
