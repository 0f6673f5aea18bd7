import { describe, expect, it } from 'vitest';
import { identityOutput, mapperBody, mapperHeaders, pythonOutput } from './mapper-io.js';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
const input = {
  bytes: Buffer.from('{"id":1}'),
  headers: { 'X-Tenant': 'acme', count: 3, flags: [true] },
  properties: { messageId: 'm-1', correlationId: 'c-1', contentType: 'application/json', type: 'order' },
};

describe('mapper input and output', () => {
  it('gives mappers parsed JSON, else text, else base64; lower-case text headers', () => {
    expect(mapperBody(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    expect(mapperBody(Buffer.from('hello'))).toBe('hello');
    expect(mapperBody(Buffer.from([0xff, 0x00]))).toBe('/wA=');
    expect(mapperHeaders(input.headers)).toEqual({ 'x-tenant': 'acme', count: '3', flags: '[true]' });
  });

  it('identity passes body, headers and properties on, except the message id', () => {
    const [out] = identityOutput(input);
    expect(out).toEqual({
      body: input.bytes,
      headers: input.headers,
      properties: { correlationId: 'c-1', contentType: 'application/json', type: 'order' },
    });
  });

  it('turns Python payloads into messages with a content type and the correlation id', () => {
    const output = pythonOutput(input, {
      messages: [
        { body: { type: 'json', value: { a: 1 } }, headers: {} },
        { body: { type: 'text', value: 'hi' }, headers: { 'content-type': 'text/csv', 'x-a': '1' } },
        { body: { type: 'bytes', base64: 'AAE=' }, headers: {} },
      ],
    });
    if (!Array.isArray(output)) throw new Error('expected messages');
    expect(output.map((m) => m.properties.contentType)).toEqual([
      'application/json',
      'text/csv',
      'application/octet-stream',
    ]);
    expect(output.map((m) => m.properties.correlationId)).toEqual(['c-1', 'c-1', 'c-1']);
    expect(text(output[0]!.body)).toBe('{"a":1}');
    expect(output[1]!.headers).toEqual({ 'x-a': '1' });
    expect([...output[2]!.body]).toEqual([0, 1]);
  });

  it('takes a huge fan-out for a bug', () => {
    const many = Array.from({ length: 1001 }, () => ({
      body: { type: 'text' as const, value: 'x' },
      headers: {},
    }));
    expect(pythonOutput(input, { messages: many })).toMatchObject({ kind: 'bad-return' });
  });
});
