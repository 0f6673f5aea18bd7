import type { Stub } from '@understudy/contracts';
import { describe, expect, it } from 'vitest';
import { previewRequest, previewResponse, shorten } from './recorded-preview';

const request = (doc: Record<string, unknown>) => ({ request: doc }) as Pick<Stub, 'request'>;
const response = (doc: Record<string, unknown>) => ({ response: doc }) as Pick<Stub, 'response'>;

describe('previewRequest', () => {
  it('shows a recorded request as the URL it came from, repeated parameters included', () => {
    const preview = previewRequest(
      request({
        method: 'GET',
        path: '/orders',
        query: { page: { equals: '2' }, tag: { equals: 'a' } },
        allOf: [{ query: { tag: { equals: 'b' } } }],
      }),
    );
    expect(preview).toEqual({ line: 'GET /orders?page=2&tag=a&tag=b', body: null, more: 0 });
  });

  it('shows the JSON body a recorded POST must carry', () => {
    const preview = previewRequest(
      request({ method: 'POST', path: '/orders', body: { equalsJson: { sku: 'x', qty: 1 } } }),
    );
    expect(preview).toEqual({ line: 'POST /orders', body: '{"sku":"x","qty":1}', more: 0 });
  });

  it('counts the conditions an edit added that the line cannot show', () => {
    const preview = previewRequest(
      request({
        method: 'GET',
        path: { template: '/orders/{id}' },
        query: { q: { contains: 'x' } },
        headers: { 'x-tenant': { equals: 'acme' } },
        allOf: [{ not: { method: 'PUT' } }],
      }),
    );
    expect(preview).toEqual({ line: 'GET /orders/{id}', body: null, more: 3 });
  });
});

describe('previewResponse', () => {
  it('shows status, content type and the start of a JSON body', () => {
    const big = { items: Array.from({ length: 100 }, (_, i) => ({ id: i })) };
    const preview = previewResponse(
      response({
        kind: 'static',
        status: 201,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: big,
      }),
    );
    expect(preview.status).toBe(201);
    expect(preview.type).toBe('application/json; charset=utf-8');
    expect(preview.body).toHaveLength(160);
    expect(preview.body?.endsWith('…')).toBe(true);
  });

  it('says how big a binary body is rather than showing it', () => {
    const preview = previewResponse(response({ kind: 'static', base64: 'iVBORwD/' }));
    expect(preview).toEqual({ status: 200, type: 'application/octet-stream', body: '6 bytes of binary' });
  });

  it('shows text as it is, and no body as none', () => {
    expect(previewResponse(response({ kind: 'static', status: 404, text: 'no /text' }))).toEqual({
      status: 404,
      type: 'text/plain',
      body: 'no /text',
    });
    expect(previewResponse(response({ kind: 'static', status: 204 }))).toEqual({
      status: 204,
      type: 'no body',
      body: null,
    });
  });

  it('names answers that are not constant', () => {
    expect(previewResponse(response({ kind: 'proxy' })).type).toBe('Forwarded to the upstream');
    expect(previewResponse(response({ kind: 'python', code: 'def handler(b, h): pass' })).type).toBe(
      'Python handler',
    );
  });
});

describe('shorten', () => {
  it('keeps short text and cuts long text to the limit, marking the cut', () => {
    expect(shorten('abc', 5)).toBe('abc');
    expect(shorten('abcdefgh', 5)).toBe('abcd…');
  });
});
