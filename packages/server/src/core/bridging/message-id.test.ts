import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inMessageId, outMessageId, type Digest, type IdentifiedMessage } from './message-id.js';

const sha256: Digest = (chunks) => {
  const hash = createHash('sha256');
  for (const c of chunks) hash.update(c);
  return hash.digest('hex');
};

function message(overrides: Partial<IdentifiedMessage> = {}): IdentifiedMessage {
  return {
    body: Buffer.from('{"id":1}'),
    headers: { 'x-tenant': 'acme', nested: { b: 1, a: [1, 2] } },
    properties: { contentType: 'application/json', timestamp: new Date(1_700_000_000_000) },
    subject: 'orders.in',
    exchange: '',
    brokerMessageId: null,
    ...overrides,
  };
}

describe('inMessageId', () => {
  it('uses the broker message id when the message has one', () => {
    expect(inMessageId(message({ brokerMessageId: 'm-1' }), sha256)).toBe('m-1');
  });

  it('derives a stable id from body, headers and delivery info otherwise', () => {
    const id = inMessageId(message(), sha256);
    expect(id).toMatch(/^h-[0-9a-f]{32}$/);
    expect(inMessageId(message(), sha256)).toBe(id);
  });

  it('ignores header order and the headers a redelivery adds', () => {
    const redelivered = message({
      headers: { nested: { a: [1, 2], b: 1 }, 'x-tenant': 'acme', 'x-delivery-count': 3, 'x-death': [] },
    });
    expect(inMessageId(redelivered, sha256)).toBe(inMessageId(message(), sha256));
  });

  it('tells apart messages that differ in body, headers, routing key or properties', () => {
    const base = inMessageId(message(), sha256);
    const variants = [
      message({ body: Buffer.from('{"id":2}') }),
      message({ headers: { 'x-tenant': 'other' } }),
      message({ subject: 'orders.other' }),
      message({ properties: { correlationId: 'c-1' } }),
    ];
    for (const variant of variants) expect(inMessageId(variant, sha256)).not.toBe(base);
  });
});

describe('outMessageId', () => {
  it('keeps the IN id for a single message and adds :<index> for a fan-out', () => {
    expect(outMessageId('m-1', 0, 1)).toBe('m-1');
    expect([0, 1, 2].map((i) => outMessageId('m-1', i, 3))).toEqual(['m-1:0', 'm-1:1', 'm-1:2']);
  });
});
