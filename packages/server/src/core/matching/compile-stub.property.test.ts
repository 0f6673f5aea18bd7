import type { MatchDiff } from '@understudy/contracts';
import { StubInput } from '@understudy/contracts';
import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { compileStub, type CompiledStub } from './compile-stub.js';
import { findMatch } from './find-match.js';
import { OPERATOR_NAMES } from './operators/operator-table.js';
import { createSnapshot } from './request-snapshot.js';
import { buildStubIndex } from './stub-index.js';

// Stub-shaped documents, mostly valid with junk mixed in at every level: the interesting bugs live
// next to valid input, and a generator that is always wrong would make the round-trip test vacuous.
const junkText = fc.oneof(
  fc.constantFrom('', '(', '$[', '/{a}{b}', 'orders', '$..', 'a b'),
  fc.string({ maxLength: 6 }),
);
const junk = fc.oneof(
  junkText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);
const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: valid, weight: 25 }, { arbitrary: invalid, weight: 1 });

const textOperand = fc.string({ maxLength: 6 });
const operands: Record<(typeof OPERATOR_NAMES)[number], fc.Arbitrary<unknown>> = {
  equals: textOperand,
  contains: textOperand,
  startsWith: textOperand,
  endsWith: textOperand,
  regex: fc.constantFrom('^a', '\\d+', '[a-z]+$', 'x|y', '(?<n>a)'),
  exists: fc.boolean(),
  gt: fc.integer(),
  gte: fc.double({ noNaN: true, noDefaultInfinity: true }),
  lt: fc.integer(),
  lte: fc.integer(),
};
const textOperators = new Set(['equals', 'contains', 'startsWith', 'endsWith', 'regex']);
const validMatcher = fc
  .constantFrom(...OPERATOR_NAMES)
  .chain((name) =>
    fc.tuple(fc.constant(name), operands[name], fc.option(fc.boolean(), { nil: undefined, freq: 3 })),
  )
  .map(([name, operand, caseInsensitive]) =>
    caseInsensitive === undefined || !textOperators.has(name)
      ? { [name]: operand }
      : { [name]: operand, caseInsensitive },
  );
const operatorName = fc.constantFrom(...OPERATOR_NAMES, 'equal', 'caseInsensitive', 'jsonPath');
const matcher = mostly(validMatcher, fc.oneof(fc.dictionary(operatorName, junk, { maxKeys: 3 }), junk));
const fieldName = mostly(
  fc.constantFrom('x-tenant', 'Accept', 'q', 'n'),
  fc.constantFrom('a b', '', 'a/b~c'),
);
const fields = fc.dictionary(fieldName, matcher, { maxKeys: 2 });
const jsonPathBody = fc
  .tuple(mostly(fc.constantFrom('$.a', '$.items[*].n', '$', "$['a b']", '$[?(@.n > 1)]'), junkText), matcher)
  .map(([jsonPath, m]) =>
    typeof m === 'object' && m !== null && !Array.isArray(m) ? { jsonPath, ...m } : { jsonPath },
  );
const body = mostly(
  fc.oneof(
    fc.record({ equalsJson: fc.jsonValue({ maxDepth: 3 }) }),
    fc.record({ matchesJson: fc.jsonValue({ maxDepth: 3 }) }),
    jsonPathBody,
    fc.record({ form: fields }),
    validMatcher,
  ),
  fc.oneof(junk, fc.record({ equalsJson: fc.constant(1), form: fc.constant({}) })),
);
const path = mostly(
  fc.oneof(
    fc.constantFrom('/', '/x', '/orders', '/a/b'),
    fc.constantFrom('/orders/{id}', '/{a}/b.{ext}', '/a').map((template) => ({ template })),
    validMatcher,
  ),
  fc.oneof(
    junkText,
    junkText.map((template) => ({ template })),
  ),
);
const method = mostly(
  fc.oneof(
    fc.constantFrom('GET', 'post', 'M-SEARCH'),
    fc.array(fc.constantFrom('GET', 'PUT'), { minLength: 1, maxLength: 2 }),
  ),
  fc.oneof(fc.constantFrom('GET POST', ''), fc.constant([]), fc.constant([1])),
);
const { predicate } = fc.letrec<{ predicate: Record<string, unknown> }>((tie) => ({
  predicate: fc.oneof(
    { maxDepth: 2 },
    fc.record({ method, path, query: fields, headers: fields, cookies: fields, body }, { requiredKeys: [] }),
    fc.record(
      {
        allOf: fc.array(tie('predicate'), { minLength: 1, maxLength: 2 }),
        anyOf: fc.array(tie('predicate'), { minLength: 1, maxLength: 2 }),
        not: tie('predicate'),
        path,
      },
      { requiredKeys: [] },
    ),
  ),
}));
const staticBody = fc.oneof(
  fc.constant({}),
  fc.record({ body: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ text: fc.string() }),
  fc.record({ base64: mostly(fc.base64String(), fc.string({ minLength: 1 })) }),
);
const staticResponse = fc
  .tuple(
    fc.record(
      {
        kind: fc.constant('static'),
        status: mostly(fc.integer({ min: 100, max: 599 }), fc.integer({ min: 0, max: 1000 })),
        headers: fc.dictionary(
          mostly(fc.constantFrom('content-type', 'x-a', 'Set-Cookie'), fc.constant('bad name')),
          mostly(fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2 })), fc.constant('a\nb')),
          { maxKeys: 2 },
        ),
        delayMs: mostly(
          fc.oneof(
            fc.nat(1000),
            fc.nat(100).map((min) => ({ min, max: min + 10 })),
          ),
          fc.oneof(fc.constant(-1), fc.constant({ min: 5, max: 1 })),
        ),
        fault: mostly(fc.constantFrom('connection-reset', 'empty-response'), fc.constant('nope')),
      },
      { requiredKeys: ['kind'] },
    ),
    staticBody,
  )
  .map(([head, bodyPart]) => ({ ...head, ...bodyPart }));
const response = mostly(
  fc.oneof(
    { arbitrary: staticResponse, weight: 4 },
    fc.record(
      {
        kind: fc.constant('python'),
        code: fc.string({ minLength: 1 }),
        timeoutMs: fc.integer({ min: 1, max: 30_000 }),
      },
      { requiredKeys: ['kind', 'code'] },
    ),
    fc.record(
      {
        kind: fc.constant('proxy'),
        upstream: fc.webUrl(),
        pathRewrite: fc.record({ from: fc.constantFrom('/v1', '/'), to: fc.constantFrom('/', '/v2') }),
      },
      { requiredKeys: ['kind'] },
    ),
  ),
  fc.oneof(
    junk,
    fc.record({ kind: fc.constantFrom('python', 'proxy', 'lambda'), code: junk, upstream: junkText }),
  ),
);
const stubDoc = fc
  .record(
    {
      name: mostly(fc.string({ minLength: 1, maxLength: 10 }), fc.constant('')),
      priority: mostly(fc.integer({ min: -5, max: 5 }), fc.double()),
      enabled: fc.boolean(),
      request: predicate,
      response,
      extra: fc.constant(1),
    },
    { requiredKeys: ['request', 'response'] },
  )
  .chain((doc) => fc.nat(9).map((dice) => (dice === 0 ? doc : { ...doc, extra: undefined })))
  // Documents reach the server as JSON text, so they are JSON through and through.
  .map((doc): unknown => JSON.parse(JSON.stringify(doc)));

/** Compiles, returning undefined for a ValidationError and letting any other error fail the test. */
function tryCompile(doc: unknown): CompiledStub | undefined {
  try {
    return compileStub(doc);
  } catch (error) {
    if (error instanceof ValidationError && error.details.length > 0) return undefined;
    throw error;
  }
}

// Hundreds of generated documents per property: on a loaded 2-core machine that exceeds 5 s.
describe('compileStub (properties)', { timeout: 60_000 }, () => {
  it('accepts or rejects random stub documents with a ValidationError, never anything else', () => {
    fc.assert(
      fc.property(stubDoc, (doc) => void tryCompile(doc)),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.anything(), (doc) => void tryCompile(doc)),
      { numRuns: 200 },
    );
  });

  it('accepts some random documents and rejects others (the generator is not degenerate)', () => {
    const results = fc
      .sample(stubDoc, { numRuns: 300, seed: 42 })
      .map((doc) => tryCompile(doc) !== undefined);
    expect(results.filter(Boolean).length).toBeGreaterThan(60);
    expect(results.filter((accepted) => !accepted).length).toBeGreaterThan(60);
  });

  it('round-trips every accepted stub unchanged, and the contract schema accepts it', () => {
    fc.assert(
      fc.property(stubDoc, (doc) => {
        const compiled = tryCompile(doc);
        if (compiled === undefined) return;
        const expected = { ...(doc as object), priority: compiled.priority, enabled: compiled.enabled };
        expect(compiled.definition).toEqual(expected);
        expect(JSON.parse(JSON.stringify(compiled.definition))).toEqual(compiled.definition);
        expect(compileStub(compiled.definition).definition).toEqual(compiled.definition);
        expect(Value.Check(StubInput, compiled.definition)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('answers distance 0 exactly when it matches, and lists diffs exactly when it does not', () => {
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST'),
      path: fc.constantFrom('/', '/x', '/orders/1', '/a'),
      headers: fc.constantFrom<Record<string, string>>({}, { 'x-tenant': 'acme' }, { accept: 'a' }),
      query: fc.constantFrom<Record<string, string[]>>({}, { q: ['a'] }, { q: ['1', 'x'] }),
      body: fc.constantFrom('', '{"a":"acme","items":[{"n":3}]}', 'a=1&q=x', 'not json'),
    });
    fc.assert(
      fc.property(stubDoc, request, (doc, init) => {
        const compiled = tryCompile(doc);
        if (compiled === undefined) return;
        const snapshot = createSnapshot(init);
        const distance = compiled.request.distance(snapshot);
        const diffs: MatchDiff[] = [];
        compiled.request.collectDiffs(snapshot, diffs);
        expect(distance).toBeGreaterThanOrEqual(0);
        expect(distance).toBeLessThanOrEqual(1);
        expect(compiled.request.isExact(snapshot)).toBe(distance === 0);
        expect(diffs.length > 0).toBe(distance > 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('matching a request built from a stub (property)', () => {
  const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
  const literalStub = fc.record({
    method: fc.constantFrom('GET', 'POST', 'PATCH'),
    path: fc
      .array(fc.stringMatching(/^[A-Za-z0-9._~-]{1,6}$/), { maxLength: 4 })
      .map((parts) => `/${parts.join('/')}`),
    headers: fc.dictionary(token, fc.string({ maxLength: 6 }), { maxKeys: 3 }),
    query: fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.string({ maxLength: 6 }), {
      maxKeys: 3,
    }),
    cookies: fc.dictionary(token, fc.string({ maxLength: 6 }), { maxKeys: 2 }),
    body: fc.jsonValue({ maxDepth: 3 }),
  });
  const equalsAll = (values: Record<string, string>): Record<string, { equals: string }> =>
    Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { equals: value }]));

  it('matches it with distance 0', () => {
    fc.assert(
      fc.property(literalStub, (literal) => {
        const body = JSON.parse(JSON.stringify(literal.body)) as unknown;
        const stub = compileStub({
          request: {
            method: literal.method,
            path: literal.path,
            headers: equalsAll(literal.headers),
            query: equalsAll(literal.query),
            cookies: equalsAll(literal.cookies),
            body: { equalsJson: body },
          },
          response: { kind: 'static' },
        });
        const snapshot = createSnapshot({
          method: literal.method,
          path: literal.path,
          headers: { ...literal.headers, 'content-type': 'application/json' },
          query: Object.fromEntries(Object.entries(literal.query).map(([name, value]) => [name, [value]])),
          cookies: literal.cookies,
          body: JSON.stringify(body),
        });
        expect(stub.request.distance(snapshot)).toBe(0);
        expect(findMatch(buildStubIndex([stub]), snapshot).stub).toBe(stub);
      }),
      { numRuns: 300 },
    );
  });
});
