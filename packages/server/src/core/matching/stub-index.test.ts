import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileStub, type CompiledStub } from './compile-stub.js';
import { createSnapshot, type RequestSnapshot, type SnapshotInit } from './request-snapshot.js';
import { buildStubIndex, compareStubs } from './stub-index.js';

function stub(
  request: unknown,
  id: string,
  priority = 0,
  createdAt = '2024-01-01T00:00:00.000Z',
): CompiledStub {
  return compileStub({ priority, request, response: { kind: 'static' } }, { id, createdAt });
}

/** A snapshot that counts how often a stub's header conditions were evaluated against it. */
function countingSnapshot(init: SnapshotInit): { snapshot: RequestSnapshot; reads: () => number } {
  const base = createSnapshot(init);
  let reads = 0;
  const snapshot: RequestSnapshot = {
    method: base.method,
    path: base.path,
    query: base.query,
    get headers() {
      reads += 1;
      return base.headers;
    },
    cookies: base.cookies,
    body: base.body,
    text: base.text,
    json: base.json,
    form: base.form,
  };
  return { snapshot, reads: () => reads };
}

describe('StubIndex', () => {
  it('evaluates only the stubs filed under the request path, among 10,000 exact paths', () => {
    const stubs = Array.from({ length: 10_000 }, (_, i) =>
      stub({ method: 'GET', path: `/items/${i}`, headers: { x: { equals: 'v' } } }, `s${i}`),
    );
    const index = buildStubIndex(stubs);
    const { snapshot, reads } = countingSnapshot({ method: 'GET', path: '/items/7777', headers: { x: 'v' } });
    expect(index.lookup(snapshot)?.stub.id).toBe('s7777');
    expect(reads()).toBe(1);
  });

  it('evaluates only the templates the path leads to, among 10,000 templates', () => {
    const stubs = Array.from({ length: 10_000 }, (_, i) =>
      stub({ path: { template: `/t${i}/{id}` }, headers: { x: { equals: 'v' } } }, `s${i}`),
    );
    const index = buildStubIndex(stubs);
    const { snapshot, reads } = countingSnapshot({ method: 'PUT', path: '/t4242/abc', headers: { x: 'v' } });
    expect(index.lookup(snapshot)?.stub.id).toBe('s4242');
    expect(reads()).toBe(1);
  });

  it('stops at the best-ranked match without evaluating lower-ranked candidates', () => {
    const stubs = Array.from({ length: 1000 }, (_, i) =>
      stub({ headers: { x: { exists: true } } }, `s${i}`, i),
    );
    const { snapshot, reads } = countingSnapshot({ method: 'GET', path: '/', headers: { x: '1' } });
    expect(buildStubIndex(stubs).lookup(snapshot)?.stub.id).toBe('s999');
    expect(reads()).toBe(1);
  });

  it('lists enabled stubs best first for near misses', () => {
    const index = buildStubIndex([stub({}, 'low', 1), stub({}, 'high', 5)]);
    expect(index.stubs.map((s) => s.id)).toEqual(['high', 'low']);
  });

  it('finds the same stub as checking every stub in tie order (property)', () => {
    const methods = fc.constantFrom(undefined, 'GET', 'POST', ['GET', 'POST']);
    const paths = fc.constantFrom(
      undefined,
      '/a',
      '/a/b',
      { template: '/a/{x}' },
      { template: '/{x}/b' },
      { template: '/{x}/{y}' },
      { template: '/a/{x}.json' },
      { regex: '^/a' },
      { startsWith: '/a/' },
      { equals: '/A', caseInsensitive: true },
    );
    const headers = fc.constantFrom(undefined, { h: { equals: '1' } }, { h: { exists: false } });
    const stubDoc = fc.record({
      method: methods,
      path: paths,
      headers,
      priority: fc.integer({ min: 0, max: 2 }),
    });
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT'),
      path: fc.constantFrom('/a', '/A', '/a/b', '/a/c', '/b/b', '/a/x.json', '/a/', '/'),
      headers: fc.constantFrom<Record<string, string>>({}, { h: '1' }, { h: '2' }),
    });
    fc.assert(
      fc.property(
        fc.array(stubDoc, { maxLength: 12 }),
        fc.array(request, { minLength: 1, maxLength: 5 }),
        (docs, requests) => {
          const stubs = docs.map(({ priority, ...request }, i) =>
            stub(withoutUndefined(request), `s${i}`, priority, `2024-01-0${(i % 9) + 1}T00:00:00.000Z`),
          );
          const index = buildStubIndex(stubs);
          for (const init of requests) {
            const snapshot = createSnapshot(init);
            const expected = stubs.filter((s) => s.request.isExact(snapshot)).sort(compareStubs)[0];
            expect(index.lookup(snapshot)?.stub).toBe(expected);
          }
        },
      ),
    );
  });
});

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
