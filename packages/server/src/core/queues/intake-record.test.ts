import { describe, expect, it } from 'vitest';
import type { Delivery } from '../ports/broker-client.js';
import { toMessageRecord } from './intake-record.js';

function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    body: Buffer.from('{"seq":1}'),
    headers: {},
    properties: {},
    subject: 'orders.in',
    exchange: '',
    redelivered: false,
    brokerMessageId: null,
    receivedAt: new Date(1_700_000_000_000),
    ...overrides,
  };
}

describe('toMessageRecord', () => {
  it('keeps body, routing key, exchange, flags, broker id and time', () => {
    const record = toMessageRecord('q1', delivery({ redelivered: true, brokerMessageId: 'm-1' }), 1024);
    expect(record).toEqual({
      queueId: 'q1',
      receivedAt: 1_700_000_000_000,
      routingKey: 'orders.in',
      exchange: '',
      redelivered: true,
      brokerMessageId: 'm-1',
      body: { encoding: 'json', value: { seq: 1 }, size: 9, truncated: false, json: '{"seq":1}' },
      headers: {},
      properties: {},
    });
  });

  it('keeps a body the client already parsed as that value and text, without decoding the bytes', () => {
    const value = { seq: 2 };
    const record = toMessageRecord(
      'q',
      delivery({ body: Buffer.from('never read'), json: { text: '{"seq":2}', value } }),
      1024,
    );
    expect(record.body).toEqual({ encoding: 'json', value, size: 9, truncated: false, json: '{"seq":2}' });
    expect(record.body.value).toBe(value);
  });

  it('decodes the bytes after all when parsed JSON is over the limit or unsafe for PostgreSQL', () => {
    const long = delivery({ body: Buffer.from('"abcdef"'), json: { text: '"abcdef"', value: 'abcdef' } });
    expect(toMessageRecord('q', long, 4).body).toMatchObject({ encoding: 'text', truncated: true });
    const nul = delivery({ body: Buffer.from('"a\\u0000"'), json: { text: '"a\\u0000"', value: 'a\u0000' } });
    expect(toMessageRecord('q', nul, 1024).body).toMatchObject({ encoding: 'text', value: '"a\\u0000"' });
  });

  it('stores the timestamp property as epoch milliseconds and drops absent properties', () => {
    const properties = { correlationId: 'c', timestamp: new Date(5000), replyTo: undefined };
    expect(toMessageRecord('q', delivery({ properties }), 1024).properties).toEqual({
      correlationId: 'c',
      timestamp: 5000,
    });
  });

  it('replaces NUL characters in headers, which PostgreSQL cannot store', () => {
    const record = toMessageRecord(
      'q',
      delivery({ headers: { 'x-a': 'a\u0000b', 'x-n': [{ k: '\u0000' }] } }),
      1024,
    );
    expect(record.headers).toEqual({ 'x-a': 'a\uFFFDb', 'x-n': [{ k: '\uFFFD' }] });
  });

  it('has no exchange for kinds without one', () => {
    expect(toMessageRecord('q', delivery({ exchange: undefined }), 1024).exchange).toBeNull();
  });
});
