import { describe, expect, it } from 'vitest';
import { gt, gte, lt, lte } from './compare-numbers.js';
import type { FieldTest, Operator } from './operator.js';

function compile(operator: Operator, operand: unknown): FieldTest {
  const test = operator.compile(operand, { caseInsensitive: false, json: false });
  if (typeof test === 'string') throw new Error(test);
  return test;
}

describe('numeric comparisons', () => {
  it('gt is strictly greater', () => {
    expect(compile(gt, 10).test('11')).toBe(true);
    expect(compile(gt, 10).test('10')).toBe(false);
  });

  it('gte includes the bound', () => {
    expect(compile(gte, 10).test('10')).toBe(true);
    expect(compile(gte, 10).test('9.99')).toBe(false);
  });

  it('lt is strictly less', () => {
    expect(compile(lt, 0).test('-1')).toBe(true);
    expect(compile(lt, 0).test('0')).toBe(false);
  });

  it('lte includes the bound', () => {
    expect(compile(lte, 2.5).test(2.5)).toBe(true);
    expect(compile(lte, 2.5).test(2.51)).toBe(false);
  });

  it('read query and header text as numbers', () => {
    expect(compile(gt, 1).test(' 2 ')).toBe(true);
    expect(compile(gt, 1).test('1e3')).toBe(true);
  });

  it('never match text that is not a number, or an absent value', () => {
    for (const operator of [gt, gte, lt, lte]) {
      const test = compile(operator, 0);
      expect(test.test('abc')).toBe(false);
      expect(test.test('')).toBe(false);
      expect(test.test(undefined)).toBe(false);
      expect(test.test(null)).toBe(false);
    }
  });

  it('refuse operands that are not finite numbers', () => {
    for (const operand of ['5', Number.POSITIVE_INFINITY, Number.NaN, null]) {
      expect(gt.compile(operand, { caseInsensitive: false, json: false })).toBe('must be a finite number');
    }
  });

  it('do not take caseInsensitive', () => {
    expect([gt, gte, lt, lte].every((operator) => !operator.acceptsCaseInsensitive)).toBe(true);
  });
});
