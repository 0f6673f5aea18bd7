import { describe, expect, it } from 'vitest';
import type { FieldTest } from './operator.js';
import { equals } from './equals.js';

function compile(operand: unknown, caseInsensitive = false, json = false): FieldTest {
  const test = equals.compile(operand, { caseInsensitive, json });
  if (typeof test === 'string') throw new Error(test);
  return test;
}

describe('equals on text', () => {
  it('matches only the whole value', () => {
    const test = compile('acme');
    expect(test.test('acme')).toBe(true);
    expect(test.test('acme corp')).toBe(false);
    expect(test.test('ACME')).toBe(false);
  });

  it('ignores letter case when asked to', () => {
    expect(compile('Acme', true).test('aCME')).toBe(true);
  });

  it('does not match an absent value', () => {
    expect(compile('').test(undefined)).toBe(false);
    expect(compile('x').distance(undefined)).toBe(1);
  });

  it('measures distance as normalized edit distance', () => {
    const test = compile('acme');
    expect(test.distance('acme')).toBe(0);
    expect(test.distance('acmx')).toBeCloseTo(0.25);
    expect(test.distance('zzzz')).toBe(1);
  });

  it('refuses a non-string operand on text fields', () => {
    expect(equals.compile(42, { caseInsensitive: false, json: false })).toBe('must be a string');
  });

  it('describes itself for near-miss diffs', () => {
    expect(compile('acme').expectation).toBe('equals "acme"');
    expect(compile('acme', true).expectation).toBe('equals "acme" (case-insensitive)');
  });
});

describe('equals on JSONPath results', () => {
  it('deep-equals any JSON value, ignoring key order', () => {
    const test = compile({ a: [1, { b: true }], c: null }, false, true);
    expect(test.test({ c: null, a: [1, { b: true }] })).toBe(true);
    expect(test.test({ a: [1, { b: false }], c: null })).toBe(false);
  });

  it('keeps JSON types apart: "42" is not 42', () => {
    expect(compile('42', false, true).test(42)).toBe(false);
    expect(compile(42, false, true).test(42)).toBe(true);
  });

  it('compares nested strings ignoring case when asked to', () => {
    expect(compile({ name: 'Ada' }, true, true).test({ name: 'ADA' })).toBe(true);
  });

  it('gives partial distance to partly equal objects', () => {
    const distance = compile({ a: 1, b: 2 }, false, true).distance({ a: 1, b: 3 });
    expect(distance).toBeGreaterThan(0);
    expect(distance).toBeLessThan(1);
  });

  it('refuses operands that are not JSON', () => {
    expect(equals.compile(Number.NaN, { caseInsensitive: false, json: true })).toBe('must be a JSON value');
    expect(equals.compile(new Date(), { caseInsensitive: false, json: true })).toBe('must be a JSON value');
  });
});
