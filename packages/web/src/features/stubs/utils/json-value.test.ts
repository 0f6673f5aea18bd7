import { describe, expect, it } from 'vitest';
import { looseText, parseLooseValue, sameAtPointer, valueAtPointer } from './json-value';

describe('JSON helpers of the stub editor', () => {
  const doc = { request: { headers: { 'a/b': { regex: '((' } }, allOf: [{ path: '/x' }] } };

  it('follows a server pointer into the document, unescaping ~1 and ~0', () => {
    expect(valueAtPointer(doc, '/body/request/headers/a~1b/regex')).toBe('((');
    expect(valueAtPointer(doc, '/body/request/allOf/0/path')).toBe('/x');
    expect(valueAtPointer(doc, '/body/request/path/regex')).toBeUndefined();
  });

  it('tells whether the part an error names has changed since it was sent', () => {
    const edited = { request: { ...doc.request, headers: { 'a/b': { regex: '(a)' } } } };
    expect(sameAtPointer(doc, edited, '/body/request/headers/a~1b/regex')).toBe(false);
    expect(sameAtPointer(doc, edited, '/body/request/allOf')).toBe(true);
  });

  it('reads a loose value as JSON when it parses, and shows text so it reads back the same', () => {
    expect(parseLooseValue('42')).toBe(42);
    expect(parseLooseValue('express')).toBe('express');
    for (const value of ['42', 'true', 'plain', 7, null, { a: [1] }]) {
      expect(parseLooseValue(looseText(value))).toEqual(value);
    }
  });
});
