import { isPlainObject } from './compile-problems.js';
import { textDistance } from './distance.js';

// Comparisons of a stub's expected JSON with a request's parsed JSON. Recursion follows the expected
// value, whose depth compile-stub bounds, so a deeply nested request body cannot exhaust the stack.

/** When ranking near misses, look at no more than this many elements of a request array. */
const MAX_SCANNED_ELEMENTS = 100;

export interface JsonComparison {
  /** matchesJson: objects may have extra keys, arrays extra elements in any order. */
  readonly subset: boolean;
  /** Strings compare ignoring case; `expected` must then hold lower-cased strings already. */
  readonly caseInsensitive: boolean;
}

export const EXACT_JSON: JsonComparison = { subset: false, caseInsensitive: false };
export const SUBSET_JSON: JsonComparison = { subset: true, caseInsensitive: false };

/** Whether `actual` equals (or, for subsets, contains) `expected`. */
export function jsonMatches(expected: unknown, actual: unknown, how: JsonComparison): boolean {
  if (typeof expected === 'string') {
    if (typeof actual !== 'string') return false;
    return how.caseInsensitive ? actual.toLowerCase() === expected : actual === expected;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return false;
    if (how.subset)
      return expected.every((item) => actual.some((candidate) => jsonMatches(item, candidate, how)));
    return (
      actual.length === expected.length && expected.every((item, i) => jsonMatches(item, actual[i], how))
    );
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false;
    const keys = Object.keys(expected);
    if (!how.subset && Object.keys(actual).length !== keys.length) return false;
    return keys.every((key) => Object.hasOwn(actual, key) && jsonMatches(expected[key], actual[key], how));
  }
  return expected === actual;
}

/** How far `actual` is from `expected`, in [0, 1]: the share of differing leaves, roughly. */
export function jsonDistance(expected: unknown, actual: unknown, how: JsonComparison): number {
  if (typeof expected === 'string') {
    if (typeof actual !== 'string') return 1;
    return textDistance(expected, how.caseInsensitive ? actual.toLowerCase() : actual);
  }
  if (Array.isArray(expected)) return Array.isArray(actual) ? arrayDistance(expected, actual, how) : 1;
  if (isPlainObject(expected)) return isPlainObject(actual) ? objectDistance(expected, actual, how) : 1;
  return expected === actual ? 0 : 1;
}

function arrayDistance(
  expected: readonly unknown[],
  actual: readonly unknown[],
  how: JsonComparison,
): number {
  if (how.subset) {
    if (expected.length === 0) return 0;
    const scanned = actual.slice(0, MAX_SCANNED_ELEMENTS);
    let total = 0;
    for (const item of expected) {
      let best = 1;
      for (const candidate of scanned) best = Math.min(best, jsonDistance(item, candidate, how));
      total += best;
    }
    return total / expected.length;
  }
  const length = Math.max(expected.length, actual.length);
  if (length === 0) return 0;
  let total = 0;
  for (let i = 0; i < length; i++) {
    total += i < expected.length && i < actual.length ? jsonDistance(expected[i], actual[i], how) : 1;
  }
  return total / length;
}

function objectDistance(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  how: JsonComparison,
): number {
  const keys = Object.keys(expected);
  let total = 0;
  let count = keys.length;
  for (const key of keys) {
    total += Object.hasOwn(actual, key) ? jsonDistance(expected[key], actual[key], how) : 1;
  }
  if (!how.subset) {
    // Keys the request has and the stub does not each count as one full difference.
    for (const key of Object.keys(actual)) {
      if (!Object.hasOwn(expected, key)) {
        total += 1;
        count += 1;
      }
    }
  }
  return count === 0 ? 0 : total / count;
}

/** Lower-cases every string in a JSON value, once at compile time, for case-insensitive equality. */
export function lowerCaseStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.toLowerCase();
  if (Array.isArray(value)) return value.map(lowerCaseStrings);
  if (isPlainObject(value)) {
    const lowered: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      Object.defineProperty(lowered, key, { value: lowerCaseStrings(value[key]), enumerable: true });
    }
    return lowered;
  }
  return value;
}
