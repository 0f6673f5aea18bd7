import { describe, expect, it } from 'vitest';
import { compileStub } from '../matching/compile-stub.js';
import { canonicalJson, predicateKey, recordedStub, type RecordedExchange } from './recorded-stub.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

const exchange: RecordedExchange = {
  method: 'post',
  path: '/orders/7',
  query: { z: ['1'], tag: ['a', 'b'] },
  requestContentType: 'application/json; charset=utf-8',
  requestBody: utf8('{"b":1,"a":[1,2]}'),
  status: 201,
  headers: {
    'content-type': 'application/json',
    date: 'Mon, 01 Jan 2024 00:00:00 GMT',
    'content-length': '9',
    connection: 'keep-alive',
    'set-cookie': ['a=1', 'b=2'],
  },
  body: utf8('{"ok":true}'),
};

describe('recordedStub', () => {
  it('builds a disabled, valid stub from the request and the upstream answer', () => {
    const { doc } = recordedStub(exchange);
    expect(doc).toEqual({
      name: 'Recorded POST /orders/7?z=1&tag=a&tag=b',
      enabled: false,
      request: {
        method: 'POST',
        path: '/orders/7',
        query: { tag: { equals: 'a' }, z: { equals: '1' } },
        allOf: [{ query: { tag: { equals: 'b' } } }],
        body: { equalsJson: { b: 1, a: [1, 2] } },
      },
      response: {
        kind: 'static',
        status: 201,
        headers: { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] },
        body: { ok: true },
      },
    });
    expect(() => compileStub(doc)).not.toThrow();
  });

  it('keeps text as text and anything else as base64, and ignores bodies of non-JSON requests', () => {
    const text = recordedStub({
      ...exchange,
      requestContentType: 'text/plain',
      headers: {},
      body: utf8('héllo'),
    });
    expect(text.doc.response).toMatchObject({ text: 'héllo' });
    expect(text.doc.request).not.toHaveProperty('body');
    const binary = recordedStub({
      ...exchange,
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array([0xff, 0, 1]),
    });
    expect(binary.doc.response).toMatchObject({ base64: '/wAB' });
    expect(() => compileStub(binary.doc)).not.toThrow();
  });

  it('gives requests that differ only in JSON key order the same key', () => {
    const reordered = recordedStub({ ...exchange, requestBody: utf8('{"a":[1,2],"b":1}') });
    expect(reordered.key).toBe(recordedStub(exchange).key);
    const other = recordedStub({ ...exchange, requestBody: utf8('{"a":[2,1],"b":1}') });
    expect(other.key).not.toBe(recordedStub(exchange).key);
    expect(predicateKey(recordedStub(exchange).doc.request)).toBe(recordedStub(exchange).key);
  });
});

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
  });
});
