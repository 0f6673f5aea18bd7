import type { Stub } from '@understudy/contracts';
import { describe, expect, it } from 'vitest';
import { ValidationError, type ErrorDetail } from '../errors.js';
import { compilePredicate, compileStoredStub, compileStub } from './compile-stub.js';

const designExample = {
  name: 'express order',
  priority: 10,
  request: {
    method: 'POST',
    path: { template: '/orders/{id}' },
    headers: { 'x-tenant': { equals: 'acme' } },
    query: { dry: { exists: false } },
    body: { jsonPath: '$.type', equals: 'express' },
  },
  response: {
    kind: 'static',
    status: 201,
    headers: { 'content-type': 'application/json' },
    body: { ok: true },
    delayMs: 0,
  },
};

const ok = { kind: 'static' };

/** The details of the ValidationError a document is rejected with. */
function problemsOf(doc: unknown): ErrorDetail[] {
  try {
    compileStub(doc);
  } catch (error) {
    if (error instanceof ValidationError) return error.details;
    throw error;
  }
  throw new Error('the document was accepted');
}

function pathsOf(request: unknown, response: unknown = ok): string[] {
  return problemsOf({ request, response }).map((detail) => detail.path);
}

describe('compileStub accepts', () => {
  it('the example of DESIGN §4', () => {
    const stub = compileStub(designExample, { id: 's1', createdAt: '2024-05-01T10:00:00.000Z' });
    expect(stub).toMatchObject({ id: 's1', name: 'express order', priority: 10, enabled: true });
    expect(stub.createdAtMs).toBe(Date.parse('2024-05-01T10:00:00.000Z'));
  });

  it('fills in priority 0 and enabled true, changing nothing else', () => {
    const doc = { request: {}, response: ok };
    expect(compileStub(doc).definition).toEqual({ request: {}, response: ok, priority: 0, enabled: true });
  });

  it('keeps a disabled stub disabled', () => {
    expect(compileStub({ enabled: false, request: {}, response: ok }).enabled).toBe(false);
  });

  it('every body variant', () => {
    const bodies = [
      { equalsJson: { a: 1 } },
      { matchesJson: [1] },
      { jsonPath: '$.items[?(@.n > 2)].sku', contains: 'a', caseInsensitive: true },
      { form: { name: { startsWith: 'A' } } },
      { regex: '^hello' },
      { exists: false },
    ];
    for (const body of bodies) expect(() => compileStub({ request: { body }, response: ok })).not.toThrow();
  });

  it('methods as a string or a list, and path as a string or any operator', () => {
    for (const request of [
      { method: ['get', 'HEAD'], path: '/a' },
      { path: { regex: '^/a/\\d+$' } },
      { path: { startsWith: '/api/', caseInsensitive: true } },
    ]) {
      expect(() => compileStub({ request, response: ok })).not.toThrow();
    }
  });

  it('python and proxy responses', () => {
    const python = { kind: 'python', code: 'def handler(body, headers):\n  return {}', timeoutMs: 500 };
    const proxy = {
      kind: 'proxy',
      upstream: 'https://api.example.com',
      pathRewrite: { from: '/v1', to: '/' },
    };
    expect(compileStub({ request: {}, response: python }).response).toEqual({ ...python });
    expect(compileStub({ request: {}, response: proxy }).response).toEqual(proxy);
  });
});

describe('compileStub rejects with a JSON pointer to the field', () => {
  it('an invalid regex', () => {
    expect(pathsOf({ path: { regex: '(' } })).toEqual(['/request/path/regex']);
    expect(pathsOf({ headers: { accept: { regex: '[' } } })).toEqual(['/request/headers/accept/regex']);
  });

  it('an invalid JSONPath', () => {
    for (const jsonPath of ['$.a[', 'type', '$.a.', '$[?(@.a ==)]', "$['x]"]) {
      expect(pathsOf({ body: { jsonPath, equals: 1 } })).toEqual(['/request/body/jsonPath']);
    }
  });

  it('an invalid path template', () => {
    for (const template of ['orders/{id}', '/orders/{id', '/a/{1x}', '/{a}/{a}', '/{a}{b}']) {
      expect(pathsOf({ path: { template } })).toEqual(['/request/path/template']);
    }
  });

  it('unknown fields anywhere', () => {
    expect(problemsOf({ request: {}, response: ok, extra: 1 }).map((d) => d.path)).toEqual(['/extra']);
    expect(pathsOf({ headerz: {} })).toEqual(['/request/headerz']);
    expect(pathsOf({ body: { equalsJson: 1, strict: true } })).toEqual(['/request/body/strict']);
    expect(pathsOf({ path: { template: '/a/{b}', exact: true } })).toEqual(['/request/path/exact']);
  });

  it('a matcher without an operator, with two, or with a misspelt one', () => {
    expect(pathsOf({ query: { a: {} } })).toEqual(['/request/query/a']);
    expect(pathsOf({ query: { a: { equals: 'x', contains: 'y' } } })).toEqual(['/request/query/a/contains']);
    expect(problemsOf({ request: { query: { a: { equal: 'x' } } }, response: ok })[0]?.message).toMatch(
      /is not an operator/,
    );
  });

  it('caseInsensitive where it means nothing, or not a boolean', () => {
    expect(pathsOf({ query: { n: { gt: 1, caseInsensitive: true } } })).toEqual([
      '/request/query/n/caseInsensitive',
    ]);
    expect(pathsOf({ query: { n: { equals: 'a', caseInsensitive: 'yes' } } })).toEqual([
      '/request/query/n/caseInsensitive',
    ]);
  });

  it('wrong operand types', () => {
    expect(pathsOf({ headers: { a: { equals: 2 } } })).toEqual(['/request/headers/a/equals']);
    expect(pathsOf({ query: { a: { gt: '2' } } })).toEqual(['/request/query/a/gt']);
  });

  it('invalid methods, header names and paths', () => {
    expect(pathsOf({ method: 'GET POST' })).toEqual(['/request/method']);
    expect(pathsOf({ method: ['GET', 7] })).toEqual(['/request/method/1']);
    expect(pathsOf({ method: [] })).toEqual(['/request/method']);
    expect(pathsOf({ headers: { 'x tenant': { exists: true } } })).toEqual(['/request/headers/x tenant']);
    expect(pathsOf({ path: 'orders' })).toEqual(['/request/path']);
  });

  it('escapes / and ~ in pointers as RFC 6901 says', () => {
    expect(pathsOf({ cookies: { 'a/b~c': { regex: '(' } } })).toEqual(['/request/cookies/a~1b~0c/regex']);
  });

  it('problems inside allOf, anyOf and not', () => {
    const request = { allOf: [{}, { path: { regex: '(' } }], anyOf: [{ body: 1 }], not: { method: 1 } };
    expect(pathsOf(request)).toEqual([
      '/request/allOf/1/path/regex',
      '/request/anyOf/0/body',
      '/request/not/method',
    ]);
    expect(pathsOf({ anyOf: [] })).toEqual(['/request/anyOf']);
  });

  it('predicates nested too deeply', () => {
    let request: Record<string, unknown> = {};
    for (let i = 0; i < 40; i++) request = { not: request };
    expect(pathsOf(request)).toHaveLength(1);
  });

  it('every problem of the document at once', () => {
    const details = problemsOf({
      priority: 1.5,
      request: { path: { regex: '(' } },
      response: { kind: 'static', status: 42 },
    });
    expect(details.map((d) => d.path)).toEqual(['/priority', '/request/path/regex', '/response/status']);
  });

  it('missing request or response, and documents that are not objects', () => {
    expect(problemsOf({ request: {} }).map((d) => d.path)).toEqual(['/response']);
    expect(problemsOf({ response: ok }).map((d) => d.path)).toEqual(['/request']);
    expect(problemsOf([]).map((d) => d.path)).toEqual(['']);
    expect(problemsOf(null).map((d) => d.path)).toEqual(['']);
  });

  it('bad metadata', () => {
    const details = problemsOf({ name: '', priority: 2_000_000, enabled: 'yes', request: {}, response: ok });
    expect(details.map((d) => d.path)).toEqual(['/name', '/priority', '/enabled']);
  });
});

describe('compileStub rejects invalid responses', () => {
  const paths = (response: unknown): string[] => pathsOf({}, response);

  it('an unknown kind', () => {
    expect(paths({ kind: 'lambda' })).toEqual(['/response/kind']);
    expect(paths({ status: 200 })).toEqual(['/response/kind']);
  });

  it('more than one of body, text and base64', () => {
    expect(paths({ kind: 'static', body: {}, text: 'a' })).toEqual(['/response/text']);
  });

  it('bad status, headers, base64, delay and fault', () => {
    expect(paths({ kind: 'static', status: 99 })).toEqual(['/response/status']);
    expect(paths({ kind: 'static', headers: { 'x-a': 'line\nbreak' } })).toEqual(['/response/headers/x-a']);
    expect(paths({ kind: 'static', headers: { 'bad name': 'v' } })).toEqual(['/response/headers/bad name']);
    expect(paths({ kind: 'static', base64: 'not base64!' })).toEqual(['/response/base64']);
    expect(paths({ kind: 'static', delayMs: { min: 50, max: 10 } })).toEqual(['/response/delayMs/max']);
    expect(paths({ kind: 'static', delayMs: -1 })).toEqual(['/response/delayMs']);
    expect(paths({ kind: 'static', fault: 'timeout' })).toEqual(['/response/fault']);
    expect(paths({ kind: 'static', fault: null })).toEqual(['/response/fault']);
  });

  it('bad python and proxy responses', () => {
    expect(paths({ kind: 'python', code: '' })).toEqual(['/response/code']);
    expect(paths({ kind: 'python', code: 'x', timeoutMs: 0 })).toEqual(['/response/timeoutMs']);
    expect(paths({ kind: 'proxy', upstream: 'ftp://x' })).toEqual(['/response/upstream']);
    expect(paths({ kind: 'proxy', pathRewrite: { from: 'a', to: '/b' } })).toEqual([
      '/response/pathRewrite/from',
    ]);
  });
});

describe('compileStoredStub', () => {
  it('compiles what the store returns, ranking it by its id and creation time', () => {
    const stored: Stub = {
      id: 'st-1',
      service: 'payments',
      priority: 3,
      enabled: true,
      request: { path: '/a' },
      response: { kind: 'static' },
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-02T00:00:00.000Z',
      createdBy: 'ada',
      updatedBy: 'ada',
    };
    const compiled = compileStoredStub(stored);
    expect(compiled).toMatchObject({ id: 'st-1', priority: 3, name: null });
    expect(compiled.definition).toEqual({
      priority: 3,
      enabled: true,
      request: { path: '/a' },
      response: ok,
    });
  });
});

describe('compilePredicate', () => {
  it('locates problems under the pointer it is given', () => {
    try {
      compilePredicate({ path: { regex: '(' } });
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).details[0]?.path).toBe('/request/path/regex');
    }
  });
});
