import { describe, expect, it } from 'vitest';
import { createSnapshot, ownValue } from './request-snapshot.js';

describe('createSnapshot', () => {
  it('upper-cases the method and defaults every optional part to empty', () => {
    const snapshot = createSnapshot({ method: 'post', path: '/a' });
    expect(snapshot.method).toBe('POST');
    expect(snapshot.body).toHaveLength(0);
    expect(snapshot.text).toBe('');
    expect(snapshot.json).toBeUndefined();
    expect({ ...snapshot.query, ...snapshot.headers, ...snapshot.cookies }).toEqual({});
  });

  it('decodes the body as UTF-8, replacing invalid bytes', () => {
    expect(createSnapshot({ method: 'GET', path: '/', body: 'héllo' }).text).toBe('héllo');
    expect(createSnapshot({ method: 'GET', path: '/', body: new Uint8Array([0x61, 0xff]) }).text).toBe(
      'a\uFFFD',
    );
  });

  it('parses JSON bodies once and memoizes the result', () => {
    const snapshot = createSnapshot({ method: 'POST', path: '/', body: '{"a":[1,2]}' });
    const first = snapshot.json;
    expect(first).toEqual({ a: [1, 2] });
    expect(snapshot.json).toBe(first);
  });

  it('reads a body that is not JSON as json undefined, without throwing', () => {
    expect(createSnapshot({ method: 'POST', path: '/', body: '{"a":' }).json).toBeUndefined();
    expect(createSnapshot({ method: 'POST', path: '/', body: '   ' }).json).toBeUndefined();
  });

  it('keeps a JSON null body distinct from "not JSON"', () => {
    expect(createSnapshot({ method: 'POST', path: '/', body: 'null' }).json).toBeNull();
  });

  it('parses urlencoded forms, keeping repeated fields', () => {
    const snapshot = createSnapshot({
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'a=1&b=x+y&a=2',
    });
    expect({ ...snapshot.form }).toEqual({ a: ['1', '2'], b: ['x y'] });
  });

  it('reads a body without content-type as a form too, but not a JSON one', () => {
    expect(createSnapshot({ method: 'POST', path: '/', body: 'a=1' }).form?.a).toEqual(['1']);
    const json = createSnapshot({
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.form).toBeUndefined();
  });
});

describe('ownValue', () => {
  it('never returns inherited properties', () => {
    expect(ownValue<string>({}, 'constructor')).toBeUndefined();
    expect(ownValue<string>({}, '__proto__')).toBeUndefined();
    expect(ownValue({ a: 'x' }, 'a')).toBe('x');
  });
});
