import { describe, expect, it } from 'vitest';
import { toDelivery, toEntryFields } from './redis-entry-mapping.js';
import { faultOf, needsHuman } from './redis-faults.js';
import { parseReadReply, type StreamEntry } from './redis-streams.js';

function entryOf(fields: Array<string | Buffer>, id = '1714557600000-0'): StreamEntry {
  const map = new Map<string, Buffer>();
  for (let i = 0; i < fields.length; i += 2) {
    const value = fields[i + 1]!;
    map.set(String(fields[i]), Buffer.isBuffer(value) ? value : Buffer.from(value));
  }
  return { id, fields: map };
}

describe('redis entry mapping', () => {
  it('round-trips body bytes, typed headers and properties through entry fields', () => {
    const fields = toEntryFields({
      body: Buffer.from([0, 1, 255]),
      headers: { 'x-count': 7 },
      properties: { messageId: 'm-1', correlationId: 'c-1', contentType: 'application/json' },
    });
    const delivery = toDelivery('orders', entryOf(fields), new Date(0), false);
    expect(delivery.body).toEqual(Buffer.from([0, 1, 255]));
    expect(delivery.headers).toEqual({ 'x-count': 7 });
    expect(delivery.properties).toMatchObject({
      messageId: 'm-1',
      correlationId: 'c-1',
      contentType: 'application/json',
    });
    expect(delivery.brokerMessageId).toBe('m-1');
    expect(delivery.properties.timestamp).toEqual(new Date(1714557600000));
  });

  it('dedupes on the entry id when the producer gave no message id', () => {
    const delivery = toDelivery(
      'orders',
      entryOf(toEntryFields({ body: Buffer.from('x') }), '5-1'),
      new Date(0),
      true,
    );
    expect(delivery).toMatchObject({ brokerMessageId: '5-1', redelivered: true, headers: {} });
  });

  it("turns another producer's fields into a JSON body, losing nothing", () => {
    const delivery = toDelivery('orders', entryOf(['id', '7', 'type', 'express']), new Date(0), false);
    expect(JSON.parse(delivery.body.toString())).toEqual({ id: '7', type: 'express' });
    expect(delivery.properties.contentType).toBe('application/json');
  });

  it('parses XREADGROUP replies, deleted entries included', () => {
    const reply = [
      [
        Buffer.from('orders'),
        [
          [Buffer.from('1-0'), [Buffer.from('body'), Buffer.from('x')]],
          [Buffer.from('2-0'), null],
        ],
      ],
    ];
    const entries = parseReadReply(reply);
    expect(entries.map((e) => e.id)).toEqual(['1-0', '2-0']);
    expect(entries[0]?.fields?.get('body')).toEqual(Buffer.from('x'));
    expect(entries[1]?.fields).toBeNull();
    expect(parseReadReply(null)).toEqual([]);
  });

  it('reads the code of a Redis error reply, and says refused credentials need a human', () => {
    const fault = faultOf(new Error('WRONGPASS invalid username-password pair or user is disabled.'));
    expect(fault.code).toBe('WRONGPASS');
    expect(fault.message).toMatch(/^authentication refused/);
    expect(needsHuman(fault)).toBe(true);
    expect(needsHuman(faultOf(new Error('LOADING Redis is loading the dataset in memory')))).toBe(false);
  });
});
