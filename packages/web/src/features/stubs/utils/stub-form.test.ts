import { describe, expect, it } from 'vitest';
import { fromStubForm, toStubForm } from './stub-form';

const roundTrip = (doc: Record<string, unknown>) => fromStubForm(toStubForm(doc).form);

describe('the stub form model', () => {
  it('gives back a common stub unchanged', () => {
    const doc = {
      name: 'express order',
      priority: 10,
      enabled: true,
      request: {
        method: 'POST',
        path: { template: '/orders/{id}' },
        headers: { 'x-tenant': { equals: 'acme' } },
        query: { dry: { exists: false }, n: { gte: 2 } },
        body: { jsonPath: '$.type', equals: 'express' },
      },
      response: {
        kind: 'static',
        status: 201,
        headers: { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] },
        body: { ok: true },
        delayMs: { min: 10, max: 20 },
        fault: 'connection-reset',
      },
    };
    expect(roundTrip(doc)).toEqual({ doc, problems: [] });
  });

  it('keeps predicate parts the form cannot show, and names them', () => {
    const doc = {
      priority: 0,
      enabled: false,
      request: {
        method: ['GET', 'HEAD'],
        path: { regex: '^/a', caseInsensitive: true },
        cookies: { session: { exists: true } },
        body: { form: { a: { equals: '1' } } },
        anyOf: [{ path: '/x' }, { path: '/y' }],
      },
      response: { kind: 'python', code: 'def handler(body, headers):\n    return 1\n', timeoutMs: 500 },
    };
    const { hidden } = toStubForm(doc);
    expect(hidden.sort()).toEqual(['anyOf', 'body', 'cookies']);
    expect(roundTrip(doc)).toEqual({ doc, problems: [] });
  });

  it('reads a JSONPath equals value as JSON when it is, and as text otherwise', () => {
    for (const [value, text] of [
      [42, '42'],
      ['42', '"42"'],
      ['express', 'express'],
      [{ a: 1 }, '{"a":1}'],
    ] as const) {
      const doc = {
        priority: 0,
        enabled: true,
        request: { body: { jsonPath: '$.a', equals: value } },
        response: { kind: 'static' },
      };
      const { form } = toStubForm(doc);
      expect(form.request.body.value).toBe(text);
      expect(roundTrip(doc).doc).toEqual(doc);
    }
  });

  it('points at the field of a value the server could not take', () => {
    const { form } = toStubForm({ request: {}, response: { kind: 'static' } });
    form.request.headers = [{ key: 'k', name: 'x-n', operator: 'gt', value: 'many', caseInsensitive: false }];
    form.response.static.bodyType = 'json';
    form.response.static.body = '{ nope';
    const { problems } = fromStubForm(form);
    expect(problems.map((p) => p.path)).toEqual(['/body/request/headers/x-n', '/body/response/body']);
  });

  it('leaves out blank rows and an empty name', () => {
    const { form } = toStubForm({ request: { path: '/a' }, response: { kind: 'proxy' } });
    expect(form.request.headers).toHaveLength(1);
    expect(fromStubForm(form).doc).toEqual({
      priority: 0,
      enabled: true,
      request: { path: '/a' },
      response: { kind: 'proxy' },
    });
  });
});
