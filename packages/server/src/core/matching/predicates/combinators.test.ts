import type { MatchDiff } from '@understudy/contracts';
import { describe, expect, it } from 'vitest';
import { createSnapshot, type RequestSnapshot } from '../request-snapshot.js';
import { AllOfPredicate, AnyOfPredicate, NotPredicate } from './combinators.js';
import type { CompiledPredicate } from './predicate.js';

/** A predicate with a fixed distance, counting how often it was asked. */
function fixed(distance: number, weight = 1, label = 'x'): CompiledPredicate & { calls: number } {
  return {
    weight,
    specificity: 1,
    label,
    calls: 0,
    isExact: () => distance === 0,
    distance() {
      this.calls += 1;
      return distance;
    },
    collectDiffs(_snapshot: RequestSnapshot, out: MatchDiff[]) {
      if (distance > 0) out.push({ field: label, expected: 'e', actual: 'a' });
    },
  };
}

const snapshot = createSnapshot({ method: 'GET', path: '/' });

describe('AllOfPredicate', () => {
  it('averages its parts by weight', () => {
    expect(new AllOfPredicate([fixed(0, 3), fixed(1, 1)]).distance(snapshot)).toBe(0.25);
  });

  it('is an exact match with no parts', () => {
    const empty = new AllOfPredicate([]);
    expect(empty.isExact(snapshot)).toBe(true);
    expect(empty.distance(snapshot)).toBe(0);
  });

  it('stops at a cutoff once the heaviest parts reach it, without asking the rest', () => {
    const light = fixed(0, 1);
    const predicate = new AllOfPredicate([light, fixed(1, 10)]);
    expect(predicate.distanceBelow(snapshot, 0.5)).toBeGreaterThanOrEqual(0.5);
    expect(light.calls).toBe(0);
    expect(predicate.distanceBelow(snapshot, 1)).toBeCloseTo(10 / 11);
  });

  it('collects the diffs of every part that differs', () => {
    const out: MatchDiff[] = [];
    new AllOfPredicate([fixed(0, 1, 'a'), fixed(0.5, 1, 'b'), fixed(1, 1, 'c')]).collectDiffs(snapshot, out);
    expect(out.map((diff) => diff.field)).toEqual(['b', 'c']);
  });
});

describe('AnyOfPredicate', () => {
  it('takes the closest option, and its diffs', () => {
    const predicate = new AnyOfPredicate([fixed(0.8, 1, 'far'), fixed(0.2, 1, 'near')]);
    expect(predicate.distance(snapshot)).toBe(0.2);
    const out: MatchDiff[] = [];
    predicate.collectDiffs(snapshot, out);
    expect(out.map((diff) => diff.field)).toEqual(['near']);
  });

  it('matches when any option does', () => {
    expect(new AnyOfPredicate([fixed(1), fixed(0)]).isExact(snapshot)).toBe(true);
  });
});

describe('NotPredicate', () => {
  it('inverts an exact match into distance 1 and anything else into 0', () => {
    expect(new NotPredicate(fixed(0)).distance(snapshot)).toBe(1);
    expect(new NotPredicate(fixed(0.3)).distance(snapshot)).toBe(0);
    expect(new NotPredicate(fixed(0.3)).isExact(snapshot)).toBe(true);
  });

  it('weighs at least 1 even around an empty predicate', () => {
    expect(new NotPredicate(new AllOfPredicate([])).weight).toBe(1);
  });
});
