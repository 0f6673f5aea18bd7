import { Ajv } from 'ajv';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { Stub, StubInput, type StubInput as StubInputType } from './stub.js';

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
} satisfies StubInputType;

const withRequest = (request: unknown): unknown => ({ request, response: { kind: 'static' } });
const withResponse = (response: unknown): unknown => ({ request: {}, response });

describe('StubInput', () => {
  it('accepts the example of DESIGN §4', () => {
    expect(Value.Check(StubInput, designExample)).toBe(true);
  });

  it('accepts nested allOf / anyOf / not and every body variant', () => {
    const request = {
      allOf: [{ method: ['GET', 'HEAD'] }, { path: '/a' }],
      anyOf: [
        { body: { equalsJson: [1] } },
        { body: { matchesJson: { a: 1 } } },
        { body: { form: { a: { exists: true } } } },
      ],
      not: { body: { regex: '^x', caseInsensitive: true } },
    };
    expect(Value.Check(StubInput, withRequest(request))).toBe(true);
  });

  it('refuses unknown fields at every level', () => {
    expect(Value.Check(StubInput, { ...designExample, extra: 1 })).toBe(false);
    expect(Value.Check(StubInput, withRequest({ headerz: {} }))).toBe(false);
    expect(Value.Check(StubInput, withRequest({ query: { a: { equals: 'x', strict: true } } }))).toBe(false);
    expect(Value.Check(StubInput, withRequest({ allOf: [{ pth: '/a' }] }))).toBe(false);
  });

  it('refuses a matcher with two operators, or caseInsensitive on a number comparison', () => {
    expect(Value.Check(StubInput, withRequest({ query: { a: { equals: 'x', contains: 'y' } } }))).toBe(false);
    expect(Value.Check(StubInput, withRequest({ query: { a: { gt: 1, caseInsensitive: true } } }))).toBe(
      false,
    );
  });

  it('refuses more than one of body, text and base64', () => {
    expect(Value.Check(StubInput, withResponse({ kind: 'static', body: {}, text: 'x' }))).toBe(false);
    expect(Value.Check(StubInput, withResponse({ kind: 'static', text: 'x' }))).toBe(true);
  });

  it('accepts python and proxy responses', () => {
    expect(Value.Check(StubInput, withResponse({ kind: 'python', code: 'def handler(b, h): pass' }))).toBe(
      true,
    );
    expect(Value.Check(StubInput, withResponse({ kind: 'proxy', upstream: 'https://x.example' }))).toBe(true);
  });
});

describe('the stub schemas under Ajv (what Fastify validates and documents with)', () => {
  // The server's validator; the recursive predicate carries an $id, which must not clash when the
  // same Ajv instance compiles several schemas embedding it.
  const ajv = new Ajv({ strict: false });

  it('compile side by side and validate the DESIGN example', () => {
    const input = ajv.compile(StubInput);
    const stub = ajv.compile(Stub);
    const list = ajv.compile({ type: 'array', items: Stub });
    expect(input(designExample)).toBe(true);
    const stored = {
      ...designExample,
      id: 'st_1',
      service: 'payments',
      enabled: true,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
      createdBy: 'ada',
      updatedBy: 'ada',
    };
    expect(stub(stored)).toBe(true);
    expect(list([stored])).toBe(true);
    expect(input({ ...designExample, extra: 1 })).toBe(false);
  });
});
