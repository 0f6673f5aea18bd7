import { describe, expect, it } from 'vitest';
import { createSnapshot, flattenHeaders, ownValue, parseCookies } from './request-snapshot.js';

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

describe('createSnapshot with lazy parts', () => {
  function countingSource(headers: Record<string, string | string[]>) {
    const source = {
      reads: 0,
      get headers() {
        source.reads++;
        return headers;
      },
    };
    return source;
  }

  it('reads the header source only when headers or cookies are asked for, and once', () => {
    const source = countingSource({ 'x-a': '1', cookie: 'sid=a%20b; theme=dark' });
    const snapshot = createSnapshot({ method: 'GET', path: '/', headerSource: source });
    expect(snapshot.path).toBe('/');
    expect(source.reads).toBe(0);
    expect(snapshot.cookies).toEqual({ sid: 'a b', theme: 'dark' });
    expect(snapshot.headers['x-a']).toBe('1');
    expect(snapshot.headers).toBe(snapshot.headers);
    expect(source.reads).toBe(1);
  });

  it('parses the raw query string on first read, keeping repeated parameters', () => {
    const snapshot = createSnapshot({ method: 'GET', path: '/', search: 'a=1&b=x+y&a=%C3%A9' });
    expect({ ...snapshot.query }).toEqual({ a: ['1', 'é'], b: ['x y'] });
    expect(snapshot.query).toBe(snapshot.query);
    expect({ ...createSnapshot({ method: 'GET', path: '/', search: '' }).query }).toEqual({});
  });

  it('prefers parts given outright, and never derives cookies from given headers', () => {
    const snapshot = createSnapshot({
      method: 'GET',
      path: '/',
      query: { q: ['given'] },
      search: 'q=ignored',
      headers: { cookie: 'a=1' },
      headerSource: countingSource({ cookie: 'b=2' }),
    });
    expect(snapshot.query).toEqual({ q: ['given'] });
    expect(snapshot.headers).toEqual({ cookie: 'a=1' });
    expect({ ...snapshot.cookies }).toEqual({});
  });
});

describe('flattenHeaders', () => {
  it('uses headers that are all strings as they are, and joins lists otherwise', () => {
    const plain = { a: '1', b: '2' };
    expect(flattenHeaders(plain)).toBe(plain);
    expect({ ...flattenHeaders({ a: '1', 'set-cookie': ['x=1', 'y=2'], gone: undefined }) }).toEqual({
      a: '1',
      'set-cookie': 'x=1, y=2',
    });
  });
});

describe('parseCookies', () => {
  it('decodes values, keeps malformed escapes as sent and skips pairs without a name', () => {
    expect({ ...parseCookies(' a=1 ; b=%E0%A4%A ; junk ; c=x%20y') }).toEqual({
      a: '1',
      b: '%E0%A4%A',
      c: 'x y',
    });
    expect({ ...parseCookies(undefined) }).toEqual({});
  });
});

describe('ownValue', () => {
  it('never returns inherited properties', () => {
    expect(ownValue<string>({}, 'constructor')).toBeUndefined();
    expect(ownValue<string>({}, '__proto__')).toBeUndefined();
    expect(ownValue({ a: 'x' }, 'a')).toBe('x');
  });
});
