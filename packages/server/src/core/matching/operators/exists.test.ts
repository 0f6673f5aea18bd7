import { describe, expect, it } from 'vitest';
import { exists } from './exists.js';
import type { FieldTest } from './operator.js';

function compile(operand: unknown): FieldTest {
  const test = exists.compile(operand, { caseInsensitive: false, json: false });
  if (typeof test === 'string') throw new Error(test);
  return test;
}

describe('exists', () => {
  it('true matches any present value, even an empty one', () => {
    expect(compile(true).test('')).toBe(true);
    expect(compile(true).test(null)).toBe(true);
    expect(compile(true).test(undefined)).toBe(false);
  });

  it('false matches only an absent value', () => {
    expect(compile(false).test(undefined)).toBe(true);
    expect(compile(false).test('x')).toBe(false);
  });

  it('gives distance 0 or 1', () => {
    expect(compile(true).distance('x')).toBe(0);
    expect(compile(true).distance(undefined)).toBe(1);
  });

  it('refuses anything but a boolean', () => {
    expect(exists.compile('yes', { caseInsensitive: false, json: false })).toBe('must be true or false');
  });

  it('does not take caseInsensitive', () => {
    expect(exists.acceptsCaseInsensitive).toBe(false);
  });
});
