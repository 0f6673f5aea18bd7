import { describe, expect, it } from 'vitest';
import { decodeBody, encodeBody } from './message-body.js';

const LIMIT = 1024;
const decode = (body: string | Buffer, limit = LIMIT) =>
  decodeBody(typeof body === 'string' ? Buffer.from(body) : body, limit);

describe('decodeBody', () => {
  it('keeps a body that parses as JSON as the JSON value', () => {
    expect(decode('{"order":7,"items":["a"]}')).toEqual({
      encoding: 'json',
      value: { order: 7, items: ['a'] },
      size: 25,
      truncated: false,
      json: '{"order":7,"items":["a"]}',
    });
  });

  it('keeps valid UTF-8 that is not JSON as text', () => {
    expect(decode('héllo wörld')).toMatchObject({ encoding: 'text', value: 'héllo wörld', size: 13 });
  });

  it('keeps bytes that are not UTF-8 as base64', () => {
    expect(decode(Buffer.from([0xff, 0xfe, 0x00, 0x01]))).toMatchObject({
      encoding: 'base64',
      value: '//4AAQ==',
    });
  });

  it('treats text holding NUL as binary, since PostgreSQL text cannot hold it', () => {
    expect(decode('a\u0000b').encoding).toBe('base64');
  });

  it('keeps JSON that JSONB would refuse (escaped NUL, lone surrogate) as text', () => {
    expect(decode('{"a":"\\u0000"}').encoding).toBe('text');
    expect(decode('{"a":"\\uD800"}').encoding).toBe('text');
  });

  it('keeps JSON with integers beyond 2^53 as text, digit for digit', () => {
    expect(decode('{"id":12345678901234567890}')).toMatchObject({ encoding: 'text' });
    expect(decode('{"id":"12345678901234567890"}')).toMatchObject({ encoding: 'json' });
    expect(decode('{"n":[1.5,{"id":9007199254740993}]}')).toMatchObject({ encoding: 'text' });
    expect(decode('{"n":1e300}')).toMatchObject({ encoding: 'json' });
  });

  it('cuts a body over the limit and flags it, without splitting a character', () => {
    const body = decode('ééééé', 5);
    expect(body).toEqual({ encoding: 'text', value: 'éé', size: 10, truncated: true });
  });

  it('treats an empty body as empty text', () => {
    expect(decode('')).toMatchObject({ encoding: 'text', value: '', size: 0 });
  });
});

describe('encodeBody', () => {
  it('sends a string as text and anything else as JSON when no encoding is given', () => {
    expect(encodeBody('hi', undefined, '/body/body')).toEqual({
      bytes: Buffer.from('hi'),
      contentType: 'text/plain',
    });
    expect(encodeBody({ a: 1 }, undefined, '/body/body')).toEqual({
      bytes: Buffer.from('{"a":1}'),
      contentType: 'application/json',
    });
  });

  it('sends a JSON string when asked for json explicitly', () => {
    expect(encodeBody('hi', 'json', '/body/body').bytes.toString()).toBe('"hi"');
  });

  it('round-trips a kept binary body', () => {
    const kept = decode(Buffer.from([0xff, 0x00, 0x7f]));
    expect(encodeBody(kept.value, kept.encoding, '/body/body').bytes).toEqual(
      Buffer.from([0xff, 0x00, 0x7f]),
    );
  });

  it('refuses a non-string text or base64 body, and bad base64, at the given pointer', () => {
    expect(() => encodeBody(5, 'text', '/body/body')).toThrow(/must be a string/);
    expect(() => encodeBody('not base64!', 'base64', '/body/autoReply/body')).toThrow(
      expect.objectContaining({ details: [{ path: '/body/autoReply/body', message: 'is not base64' }] }),
    );
  });
});
