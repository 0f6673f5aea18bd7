import { describe, expect, it } from 'vitest';
import { textDistance } from './distance.js';
import { EXACT_JSON, jsonDistance, jsonMatches, lowerCaseStrings, SUBSET_JSON } from './json-compare.js';

describe('jsonMatches', () => {
  it('compares objects regardless of key order, arrays in order', () => {
    expect(jsonMatches({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, EXACT_JSON)).toBe(true);
    expect(jsonMatches([1, 2], [2, 1], EXACT_JSON)).toBe(false);
    expect(jsonMatches({ a: 1 }, { a: 1, b: 2 }, EXACT_JSON)).toBe(false);
  });

  it('as a subset, allows extra keys and extra array elements in any order', () => {
    expect(jsonMatches({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 }, SUBSET_JSON)).toBe(true);
    expect(jsonMatches({ tags: ['y'] }, { tags: ['x', 'y'] }, SUBSET_JSON)).toBe(true);
    expect(jsonMatches({ tags: ['z'] }, { tags: ['x', 'y'] }, SUBSET_JSON)).toBe(false);
  });

  it('does not confuse types', () => {
    expect(jsonMatches(null, {}, EXACT_JSON)).toBe(false);
    expect(jsonMatches({}, [], EXACT_JSON)).toBe(false);
    expect(jsonMatches(1, '1', EXACT_JSON)).toBe(false);
  });

  it('compares strings ignoring case against lower-cased expectations', () => {
    const expected = lowerCaseStrings({ Name: 'ADA', list: ['X'] });
    expect(expected).toEqual({ Name: 'ada', list: ['x'] });
    expect(
      jsonMatches(expected, { Name: 'Ada', list: ['x'] }, { subset: false, caseInsensitive: true }),
    ).toBe(true);
  });
});

describe('jsonDistance', () => {
  it('is 0 for equal values and grows with the share of differences', () => {
    expect(jsonDistance({ a: 1, b: 2 }, { a: 1, b: 2 }, EXACT_JSON)).toBe(0);
    const one = jsonDistance({ a: 1, b: 2, c: 3, d: 4 }, { a: 1, b: 2, c: 3, d: 5 }, EXACT_JSON);
    const two = jsonDistance({ a: 1, b: 2, c: 3, d: 4 }, { a: 1, b: 2, c: 0, d: 5 }, EXACT_JSON);
    expect(one).toBeGreaterThan(0);
    expect(two).toBeGreaterThan(one);
  });

  it('counts extra keys only when comparing for equality', () => {
    expect(jsonDistance({ a: 1 }, { a: 1, b: 2 }, EXACT_JSON)).toBe(0.5);
    expect(jsonDistance({ a: 1 }, { a: 1, b: 2 }, SUBSET_JSON)).toBe(0);
  });

  it('is 1 for different types', () => {
    expect(jsonDistance({ a: 1 }, [1], EXACT_JSON)).toBe(1);
  });
});

describe('textDistance', () => {
  it('normalizes edit distance by the longer text', () => {
    expect(textDistance('kitten', 'sitting')).toBeCloseTo(3 / 7);
    expect(textDistance('', '')).toBe(0);
    expect(textDistance('a', '')).toBe(1);
  });

  it('approximates long texts by their shared prefix and suffix, never reaching 0 when they differ', () => {
    const long = 'x'.repeat(1000);
    const changed = `${long.slice(0, 500)}y${long.slice(501)}`;
    expect(textDistance(long, changed)).toBeGreaterThan(0);
    expect(textDistance(long, changed)).toBeLessThan(0.01);
  });
});
