import { describe, expect, it } from 'vitest';
import {
  decodeHeaders,
  encodeHeaders,
  encodeProperties,
  extractProperties,
  JSON_HEADERS,
} from './header-codec.js';

describe('header codec', () => {
  it('round-trips typed header values through text pairs', () => {
    const headers = { 'x-test': 'yes', 'x-count': 7, 'x-flag': false, 'x-list': [1, 'a'], 'x-none': null };
    expect(decodeHeaders(encodeHeaders(headers))).toEqual(headers);
  });

  it('keeps a foreign producer\'s text "7" as text: only listed headers are parsed as JSON', () => {
    expect(decodeHeaders([['x-count', '7']])).toEqual({ 'x-count': '7' });
    expect(encodeHeaders({ a: 'text' })).toEqual([['a', 'text']]);
  });

  it('turns a name given several times into an array of its values', () => {
    expect(
      decodeHeaders([
        ['x-m', '1'],
        ['x-m', '2'],
      ]),
    ).toEqual({ 'x-m': ['1', '2'] });
  });

  it('leaves a value that claims to be JSON but is not as the text it is', () => {
    expect(
      decodeHeaders([
        ['x-bad', '{'],
        [JSON_HEADERS, '["x-bad"]'],
      ]),
    ).toEqual({ 'x-bad': '{' });
  });

  it('carries properties as headers and takes them back out, names matched case-insensitively', () => {
    const timestamp = new Date('2024-05-01T10:00:00.000Z');
    const pairs = encodeProperties({
      messageId: 'm-1',
      contentType: 'application/json',
      priority: 5,
      timestamp,
    });
    const headers = Object.fromEntries(pairs.map(([k, v]) => [k, v]));
    expect(extractProperties(headers)).toEqual({
      messageId: 'm-1',
      contentType: 'application/json',
      priority: 5,
      timestamp,
    });
    expect(headers).toEqual({});
    const foreign = { 'Content-Type': 'text/plain', 'x-other': 'kept' };
    expect(extractProperties(foreign)).toEqual({ contentType: 'text/plain' });
    expect(foreign).toEqual({ 'x-other': 'kept' });
  });

  it('skips properties a kind carries natively, and leaves unparseable ones as headers', () => {
    expect(encodeProperties({ contentType: 'a', correlationId: 'c' }, ['contentType'])).toEqual([
      ['correlation-id', 'c'],
    ]);
    const headers = { priority: 'high', timestamp: 'yesterday' };
    expect(extractProperties(headers)).toEqual({});
    expect(headers).toEqual({ priority: 'high', timestamp: 'yesterday' });
  });
});
