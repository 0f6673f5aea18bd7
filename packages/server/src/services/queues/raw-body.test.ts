import { describe, expect, it } from 'vitest';
import {
  RAW_BODY,
  type QueueMessageRecord,
  type StoredBody,
  type WithRawBody,
} from '../../core/ports/index.js';
import { withRawBody } from './raw-body.js';

const recordOf = (body: StoredBody): QueueMessageRecord => ({
  queueId: 'q',
  receivedAt: 1,
  routingKey: 'orders',
  exchange: null,
  redelivered: false,
  brokerMessageId: null,
  body,
  headers: {},
  properties: {},
});

const rawOf = (body: StoredBody, bytes: Buffer): unknown =>
  (withRawBody(recordOf(body), bytes) as WithRawBody)[RAW_BODY];

describe('withRawBody', () => {
  const text = 'hello';
  const body: StoredBody = { encoding: 'text', value: text, size: 5, truncated: false };

  it('keeps the delivered bytes of a whole text or JSON body, out of its JSON', () => {
    expect(rawOf(body, Buffer.from(text))).toEqual(Buffer.from(text));
    const json = '{"a":1}';
    expect(
      rawOf({ encoding: 'json', value: { a: 1 }, size: 7, truncated: false, json }, Buffer.from(json)),
    ).toEqual(Buffer.from(json));
    expect(JSON.stringify(withRawBody(recordOf(body), Buffer.from(text)))).not.toContain('data');
  });

  it('leaves bytes that may not be exactly the stored text', () => {
    expect(rawOf(body, Buffer.from(`\uFEFF${text}`))).toBeUndefined(); // sizes differ
    expect(rawOf({ ...body, size: 8 }, Buffer.from(`\uFEFF${text}`))).toBeUndefined(); // a BOM
    expect(rawOf({ ...body, truncated: true }, Buffer.from(text))).toBeUndefined();
    expect(rawOf({ ...body, encoding: 'base64', value: 'aGVsbG8=' }, Buffer.from(text))).toBeUndefined();
  });
});
