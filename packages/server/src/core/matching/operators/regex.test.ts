import { describe, expect, it } from 'vitest';
import type { FieldTest } from './operator.js';
import { compileRegex, regex } from './regex.js';

function compile(operand: unknown, caseInsensitive = false): FieldTest {
  const test = regex.compile(operand, { caseInsensitive, json: false });
  if (typeof test === 'string') throw new Error(test);
  return test;
}

describe('regex', () => {
  it('matches anywhere unless anchored', () => {
    expect(compile('\\d+').test('order-42')).toBe(true);
    expect(compile('^\\d+$').test('order-42')).toBe(false);
    expect(compile('^\\d+$').test('42')).toBe(true);
  });

  it('ignores letter case when asked to', () => {
    expect(compile('^abc$', true).test('ABC')).toBe(true);
    expect(compile('^abc$').test('ABC')).toBe(false);
  });

  it('gives the same answer on repeated calls (no lastIndex state)', () => {
    const test = compile('a');
    expect([test.test('a'), test.test('a'), test.test('a')]).toEqual([true, true, true]);
  });

  it('matches numeric JSON values by their text', () => {
    expect(compile('^\\d+$').test(1234)).toBe(true);
  });

  it('refuses an invalid pattern with the engine message', () => {
    const problem = regex.compile('(unclosed', { caseInsensitive: false, json: false });
    expect(problem).toMatch(/^is not a valid regular expression: .*Unterminated group/);
  });

  it('refuses a non-string operand and overlong patterns', () => {
    expect(regex.compile(1, { caseInsensitive: false, json: false })).toBe('must be a string');
    expect(regex.compile('a'.repeat(5000), { caseInsensitive: false, json: false })).toMatch(/at most/);
  });

  it('does not match an absent value', () => {
    expect(compile('.*').test(undefined)).toBe(false);
  });

  it('compiles patterns without stateful flags', () => {
    const compiled = compileRegex('x', true);
    expect(compiled).toBeInstanceOf(RegExp);
    expect((compiled as RegExp).flags).toBe('i');
  });
});
