import { describe, expect, it } from 'vitest';
import { contains } from './contains.js';
import { endsWith } from './ends-with.js';
import { asNumber, asText, type FieldTest, type Operator } from './operator.js';
import { startsWith } from './starts-with.js';

function compile(operator: Operator, operand: unknown, caseInsensitive = false): FieldTest {
  const test = operator.compile(operand, { caseInsensitive, json: false });
  if (typeof test === 'string') throw new Error(test);
  return test;
}

describe('contains', () => {
  it('matches a substring anywhere', () => {
    expect(compile(contains, 'ord').test('/orders')).toBe(true);
    expect(compile(contains, 'xyz').test('/orders')).toBe(false);
  });

  it('ignores letter case when asked to', () => {
    expect(compile(contains, 'ORD', true).test('/orders')).toBe(true);
    expect(compile(contains, 'ORD').test('/orders')).toBe(false);
  });
});

describe('startsWith', () => {
  it('matches a prefix only', () => {
    expect(compile(startsWith, 'Bearer ').test('Bearer abc')).toBe(true);
    expect(compile(startsWith, 'abc').test('Bearer abc')).toBe(false);
  });

  it('ignores letter case when asked to', () => {
    expect(compile(startsWith, 'bearer', true).test('Bearer abc')).toBe(true);
  });
});

describe('endsWith', () => {
  it('matches a suffix only', () => {
    expect(compile(endsWith, '.json').test('report.json')).toBe(true);
    expect(compile(endsWith, '.json').test('report.json.bak')).toBe(false);
  });

  it('ignores letter case when asked to', () => {
    expect(compile(endsWith, '.JSON', true).test('report.json')).toBe(true);
  });
});

describe('text operators in general', () => {
  it.each([contains, startsWith, endsWith])('refuse a non-string operand (%#)', (operator) => {
    expect(operator.compile(1, { caseInsensitive: false, json: false })).toBe('must be a string');
  });

  it.each([contains, startsWith, endsWith])('never match an absent value (%#)', (operator) => {
    expect(compile(operator, '').test(undefined)).toBe(false);
  });

  it('read numbers and booleans as their JSON text', () => {
    expect(compile(startsWith, '12').test(123)).toBe(true);
    expect(compile(contains, 'ru').test(true)).toBe(true);
  });

  it('do not match objects, arrays or null', () => {
    expect(compile(contains, 'a').test({ a: 1 })).toBe(false);
    expect(compile(contains, 'a').test(['a'])).toBe(false);
    expect(compile(contains, 'null').test(null)).toBe(false);
  });

  it('give distance 0 on a match and 1 otherwise', () => {
    const test = compile(contains, 'ord');
    expect(test.distance('orders')).toBe(0);
    expect(test.distance('items')).toBe(1);
  });
});

describe('asText and asNumber', () => {
  it('turn scalars into text and leave structures without one', () => {
    expect(asText('a')).toBe('a');
    expect(asText(1.5)).toBe('1.5');
    expect(asText(false)).toBe('false');
    expect(asText(null)).toBeUndefined();
    expect(asText({})).toBeUndefined();
  });

  it('read numbers from numeric text only', () => {
    expect(asNumber(' 42 ')).toBe(42);
    expect(asNumber(7)).toBe(7);
    expect(asNumber('')).toBeNaN();
    expect(asNumber('abc')).toBeNaN();
    expect(asNumber(true)).toBeNaN();
  });
});
