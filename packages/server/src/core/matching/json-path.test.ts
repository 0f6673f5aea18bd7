import { describe, expect, it } from 'vitest';
import { compileJsonPath, type CompiledJsonPath } from './json-path.js';

function compile(source: string): CompiledJsonPath {
  const compiled = compileJsonPath(source);
  if (typeof compiled === 'string') throw new Error(compiled);
  return compiled;
}

const order = {
  type: 'express',
  items: [
    { sku: 'a', n: 1 },
    { sku: 'b', n: 5 },
  ],
  'odd key': true,
};

describe('compileJsonPath', () => {
  it('selects members, wildcards, descendants and quoted names', () => {
    expect(compile('$.type').evaluate(order)).toEqual(['express']);
    expect(compile('$.items[*].sku').evaluate(order)).toEqual(['a', 'b']);
    expect(compile('$..n').evaluate(order)).toEqual([1, 5]);
    expect(compile("$['odd key']").evaluate(order)).toEqual([true]);
  });

  it('runs filter expressions in the safe evaluator', () => {
    expect(compile('$.items[?(@.n > 2)].sku').evaluate(order)).toEqual(['b']);
  });

  it('does not run arbitrary code in filters', () => {
    expect(compile('$.items[?(@.constructor.constructor("return process")())]').evaluate(order)).toEqual([]);
  });

  it('selects nothing from a missing member', () => {
    expect(compile('$.missing').evaluate(order)).toEqual([]);
  });

  it('selects a scalar body only with $ itself', () => {
    expect(compile('$').evaluate(0)).toEqual([0]);
    expect(compile('$').evaluate(null)).toEqual([null]);
    expect(compile('$.a').evaluate('text')).toEqual([]);
  });

  it.each([
    ['type', /must start with \$/],
    ['$type', /needs \. or \[ after \$/],
    ['$.a.', /ends with a dot/],
    ['$.a[', /missing a closing \]/],
    ['$.a]', /unmatched \]/],
    ["$['a]", /unclosed '/],
    ['$.a[]', /empty brackets/],
    ['$[?(@.a ==)]', /invalid expression/],
  ])('refuses %s', (source, message) => {
    expect(compileJsonPath(source)).toMatch(message);
  });

  it('refuses a path that is not a string', () => {
    expect(compileJsonPath(1)).toBe('must be a string');
  });
});
