import { describe, expect, it } from 'vitest';
import { compileStub, type CompiledStub } from './compile-stub.js';
import { findMatch, type MatchOutcome } from './find-match.js';
import { createSnapshot, type SnapshotInit } from './request-snapshot.js';
import { buildStubIndex } from './stub-index.js';

let sequence = 0;

function stub(
  request: unknown,
  options: { id?: string; priority?: number; createdAt?: string } = {},
): CompiledStub {
  sequence += 1;
  const { id = `s${sequence}`, createdAt = '2024-01-01T00:00:00.000Z', priority } = options;
  const doc = { ...(priority === undefined ? {} : { priority }), request, response: { kind: 'static' } };
  return compileStub(doc, { id, createdAt });
}

function match(stubs: CompiledStub[], init: Partial<SnapshotInit>): MatchOutcome {
  return findMatch(buildStubIndex(stubs), createSnapshot({ method: 'GET', path: '/', ...init }));
}

function matches(request: unknown, init: Partial<SnapshotInit>): boolean {
  return match([stub(request)], init).stub !== null;
}

describe('findMatch: method and path', () => {
  it('matches the method case-insensitively, as a string or a list', () => {
    expect(matches({ method: 'post' }, { method: 'POST' })).toBe(true);
    expect(matches({ method: ['PUT', 'patch'] }, { method: 'patch' })).toBe(true);
    expect(matches({ method: 'POST' }, { method: 'GET' })).toBe(false);
  });

  it('matches an exact path only exactly', () => {
    expect(matches({ path: '/orders' }, { path: '/orders' })).toBe(true);
    expect(matches({ path: '/orders' }, { path: '/orders/' })).toBe(false);
    expect(matches({ path: { equals: '/Orders', caseInsensitive: true } }, { path: '/orders' })).toBe(true);
  });

  it('matches a template and returns its parameters, percent-decoded', () => {
    const outcome = match([stub({ path: { template: '/users/{user}/files/{name}.{ext}' } })], {
      path: '/users/ada%20l/files/report.v2.json',
    });
    expect(outcome.stub).not.toBeNull();
    expect(outcome.stub && { ...outcome.params }).toEqual({ user: 'ada l', name: 'report.v2', ext: 'json' });
  });

  it('does not let a template parameter span segments or be empty', () => {
    expect(matches({ path: { template: '/orders/{id}' } }, { path: '/orders/1/items' })).toBe(false);
    expect(matches({ path: { template: '/orders/{id}' } }, { path: '/orders/' })).toBe(false);
  });

  it('matches regex and prefix paths', () => {
    expect(matches({ path: { regex: '^/orders/\\d+$' } }, { path: '/orders/42' })).toBe(true);
    expect(matches({ path: { regex: '^/orders/\\d+$' } }, { path: '/orders/x' })).toBe(false);
    expect(matches({ path: { startsWith: '/api/' } }, { path: '/api/v1' })).toBe(true);
  });

  it('matches any request with an empty predicate', () => {
    expect(matches({}, { method: 'DELETE', path: '/anything' })).toBe(true);
  });
});

describe('findMatch: query, headers and cookies', () => {
  it('finds header names in any case', () => {
    expect(
      matches({ headers: { 'X-Tenant': { equals: 'acme' } } }, { headers: { 'x-tenant': 'acme' } }),
    ).toBe(true);
  });

  it('matches a repeated query parameter when any value does', () => {
    expect(matches({ query: { tag: { equals: 'b' } } }, { query: { tag: ['a', 'b'] } })).toBe(true);
  });

  it('treats exists: false as "absent"', () => {
    expect(matches({ query: { dry: { exists: false } } }, { query: {} })).toBe(true);
    expect(matches({ query: { dry: { exists: false } } }, { query: { dry: [''] } })).toBe(false);
  });

  it('never reads inherited properties as request fields', () => {
    expect(matches({ headers: { constructor: { exists: true } } }, { headers: {} })).toBe(false);
    expect(matches({ cookies: { toString: { exists: false } } }, { cookies: {} })).toBe(true);
  });

  it('matches cookies by name and value', () => {
    expect(matches({ cookies: { session: { startsWith: 'abc' } } }, { cookies: { session: 'abc123' } })).toBe(
      true,
    );
    expect(matches({ cookies: { session: { startsWith: 'abc' } } }, { cookies: {} })).toBe(false);
  });
});

describe('findMatch: bodies', () => {
  const json = {
    headers: { 'content-type': 'application/json' },
    body: '{"type":"express","items":[{"n":3}]}',
  };

  it('matches JSON by equality, subset and JSONPath', () => {
    expect(matches({ body: { equalsJson: { items: [{ n: 3 }], type: 'express' } } }, json)).toBe(true);
    expect(matches({ body: { equalsJson: { type: 'express' } } }, json)).toBe(false);
    expect(matches({ body: { matchesJson: { items: [{}] } } }, json)).toBe(true);
    expect(matches({ body: { jsonPath: '$.items[*].n', gte: 3 } }, json)).toBe(true);
    expect(matches({ body: { jsonPath: '$.missing', exists: false } }, json)).toBe(true);
  });

  it('serves a body that is not JSON: JSON predicates do not match it, text predicates still can', () => {
    const broken = { body: '{"type": express' };
    expect(matches({ body: { jsonPath: '$.type', exists: false } }, broken)).toBe(false);
    expect(matches({ body: { equalsJson: null } }, broken)).toBe(false);
    expect(matches({ body: { contains: 'express' } }, broken)).toBe(true);
  });

  it('matches the body as text', () => {
    expect(matches({ body: { regex: '^hello\\b' } }, { body: 'hello world' })).toBe(true);
    expect(matches({ body: { equals: 'HELLO', caseInsensitive: true } }, { body: 'hello' })).toBe(true);
    expect(matches({ body: { exists: false } }, {})).toBe(true);
  });

  it('matches form fields of a urlencoded body', () => {
    const form = {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Ada+L&x=1&x=2',
    };
    expect(matches({ body: { form: { name: { equals: 'Ada L' }, x: { equals: '2' } } } }, form)).toBe(true);
    const notForm = { headers: { 'content-type': 'application/json' }, body: '{}' };
    expect(matches({ body: { form: { name: { exists: false } } } }, notForm)).toBe(false);
  });
});

describe('findMatch: allOf, anyOf, not', () => {
  it('combines predicates', () => {
    const request = {
      allOf: [{ method: 'GET' }, { path: { startsWith: '/a' } }],
      anyOf: [{ query: { x: { exists: true } } }, { headers: { 'x-y': { exists: true } } }],
      not: { path: '/a/forbidden' },
    };
    expect(matches(request, { path: '/a/b', query: { x: ['1'] } })).toBe(true);
    expect(matches(request, { path: '/a/b', headers: { 'x-y': '' } })).toBe(true);
    expect(matches(request, { path: '/a/b' })).toBe(false);
    expect(matches(request, { path: '/a/forbidden', query: { x: ['1'] } })).toBe(false);
  });
});

describe('findMatch: ties', () => {
  it('goes to the higher priority first', () => {
    const low = stub({ path: '/a' }, { priority: 1 });
    const high = stub({}, { priority: 2 });
    expect(match([low, high], { path: '/a' }).stub).toBe(high);
  });

  it('then to the more specific predicate', () => {
    const exact = stub({ path: '/orders/42' });
    const template = stub({ path: { template: '/orders/{id}' } });
    const regex = stub({ path: { regex: '^/orders/' } });
    const anything = stub({});
    expect(match([anything, regex, template, exact], { path: '/orders/42' }).stub).toBe(exact);
    expect(match([anything, regex, template], { path: '/orders/42' }).stub).toBe(template);
    expect(match([anything, regex], { path: '/orders/42' }).stub).toBe(regex);
    const withHeader = stub({ path: { template: '/orders/{id}' }, headers: { a: { exists: true } } });
    expect(match([template, withHeader], { path: '/orders/1', headers: { a: '1' } }).stub).toBe(withHeader);
  });

  it('prefers the template with more literal segments', () => {
    const loose = stub({ path: { template: '/{a}/{b}' } });
    const tight = stub({ path: { template: '/orders/{id}' } });
    expect(match([loose, tight], { path: '/orders/1' }).stub).toBe(tight);
  });

  it('then to the newest', () => {
    const older = stub({ path: '/a' }, { createdAt: '2024-01-01T00:00:00.000Z' });
    const newer = stub({ path: '/a' }, { createdAt: '2024-06-01T00:00:00.000Z' });
    expect(match([newer, older], { path: '/a' }).stub).toBe(newer);
    expect(match([older, newer], { path: '/a' }).stub).toBe(newer);
  });

  it('skips disabled stubs', () => {
    const disabled = compileStub({ enabled: false, request: {}, response: { kind: 'static' } });
    expect(match([disabled], {}).stub).toBeNull();
  });
});

describe('findMatch: near misses', () => {
  it('lists at most three, closest first, with what differed', () => {
    const stubs = [
      stub({ method: 'POST', path: '/orders', headers: { 'x-tenant': { equals: 'acme' } } }, { id: 'close' }),
      stub({ method: 'POST', path: '/orders/1' }, { id: 'further' }),
      stub({ method: 'GET', path: '/orderz' }, { id: 'other-method' }),
      stub({ method: 'DELETE', path: '/users' }, { id: 'far' }),
      stub({ path: '/zzzzzzzzzzzzzzzzzzzzzzz' }, { id: 'unrelated' }),
    ];
    const outcome = match(stubs, { method: 'POST', path: '/orders', headers: { 'x-tenant': 'acne' } });
    if (outcome.stub !== null) throw new Error('expected no match');
    expect(outcome.nearMisses.map((miss) => miss.stubId)).toEqual(['close', 'further', 'other-method']);
    expect(outcome.nearMisses[0]?.diffs).toEqual([
      { field: 'headers.x-tenant', expected: 'equals "acme"', actual: 'acne' },
    ]);
    const distances = outcome.nearMisses.map((miss) => miss.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances.every((distance) => distance > 0 && distance < 1)).toBe(true);
  });

  it('reports an absent value as null and a non-JSON body by name', () => {
    const outcome = match(
      [stub({ path: '/a', query: { q: { exists: true } }, body: { jsonPath: '$.a', exists: true } })],
      {
        path: '/a',
        body: 'plain',
      },
    );
    expect(outcome.stub === null && outcome.nearMisses[0]?.diffs).toEqual([
      { field: 'query.q', expected: 'exists true', actual: null },
      { field: 'body $.a', expected: 'exists true', actual: 'body is not JSON' },
    ]);
  });

  it('names a template and a not that matched', () => {
    const outcome = match([stub({ path: { template: '/orders/{id}' }, not: { method: 'GET' } })], {
      path: '/order/1',
    });
    expect(outcome.stub === null && outcome.nearMisses[0]?.diffs).toEqual([
      { field: 'path', expected: 'template /orders/{id}', actual: '/order/1' },
      { field: 'not(method)', expected: 'method not to match', actual: 'it matched' },
    ]);
  });

  it('skips ranking when asked for no near misses', () => {
    const outcome = findMatch(
      buildStubIndex([stub({ path: '/a' })]),
      createSnapshot({ method: 'GET', path: '/b' }),
      {
        nearMisses: 0,
      },
    );
    expect(outcome).toEqual({ stub: null, nearMisses: [] });
  });

  it('leaves out stubs that are nothing alike', () => {
    const outcome = match([stub({ method: 'POST', headers: { a: { exists: true } } })], { method: 'GET' });
    expect(outcome.stub === null && outcome.nearMisses).toEqual([]);
  });
});
