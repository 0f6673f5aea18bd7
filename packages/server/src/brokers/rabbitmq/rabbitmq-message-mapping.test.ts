import type { AsyncMessage } from 'rabbitmq-client';
import { describe, expect, it } from 'vitest';
import { bodyBytes, toDelivery, toEnvelope, toHeaders } from './rabbitmq-message-mapping.js';

function message(fields: Partial<AsyncMessage>): AsyncMessage {
  return {
    consumerTag: 't',
    deliveryTag: 1,
    exchange: '',
    redelivered: false,
    routingKey: 'q',
    body: Buffer.alloc(0),
    ...fields,
  };
}

describe('rabbitmq message mapping', () => {
  it('turns bodies rabbitmq-client decoded back into bytes, by content type', () => {
    expect(bodyBytes(message({ body: Buffer.from([1, 2]) }))).toEqual(Buffer.from([1, 2]));
    expect(bodyBytes(message({ body: 'héllo', contentType: 'text/plain' })).toString()).toBe('héllo');
    expect(bodyBytes(message({ body: { a: 1 }, contentType: 'application/json' })).toString()).toBe(
      '{"a":1}',
    );
    // A JSON string value parses to a JS string; it must come back quoted.
    expect(bodyBytes(message({ body: 'abc', contentType: 'application/json' })).toString()).toBe('"abc"');
  });

  it('hands a body rabbitmq-client parsed as JSON over as value and text, with its bytes on demand', () => {
    const value = { a: [1, 'ü'] };
    const parsed = toDelivery(message({ body: value, contentType: 'application/json' }), new Date(0));
    expect(parsed.json).toEqual({ text: '{"a":[1,"ü"]}', value });
    expect(parsed.json?.value).toBe(value);
    expect(parsed.body.toString()).toBe('{"a":[1,"ü"]}');
    const raw = toDelivery(message({ body: Buffer.from('{"a":1}') }), new Date(0));
    expect(raw.json).toBeUndefined();
    expect(raw.body.toString()).toBe('{"a":1}');
  });

  it('makes AMQP header tables JSON-safe', () => {
    const headers = toHeaders({
      s: 'x',
      n: 1,
      b: Buffer.from('hi'),
      big: 2n ** 64n,
      nested: { list: [1, null] },
    });
    expect(headers).toEqual({
      s: 'x',
      n: 1,
      b: 'aGk=',
      big: '18446744073709551616',
      nested: { list: [1, null] },
    });
  });

  it('maps properties and only those present', () => {
    const delivery = toDelivery(
      message({
        messageId: 'm',
        durable: true,
        timestamp: 1_700_000_000,
        expiration: '5000',
        routingKey: 'k',
      }),
      new Date(0),
    );
    expect(delivery.properties).toEqual({
      messageId: 'm',
      persistent: true,
      timestamp: new Date(1_700_000_000_000),
      expirationMs: 5000,
    });
    expect(delivery).toMatchObject({ brokerMessageId: 'm', subject: 'k', redelivered: false });
  });

  it('publishes mandatory and persistent by default, through the default exchange unless told otherwise', () => {
    const envelope = toEnvelope('orders', { body: Buffer.alloc(0) }, 'id-1');
    expect(envelope).toMatchObject({
      exchange: '',
      routingKey: 'orders',
      mandatory: true,
      durable: true,
      messageId: 'id-1',
    });
    const viaExchange = toEnvelope(
      'a.b',
      { body: Buffer.alloc(0), properties: { persistent: false } },
      'id-2',
      {
        kind: 'rabbitmq',
        exchange: 'amq.topic',
      },
    );
    expect(viaExchange).toMatchObject({ exchange: 'amq.topic', routingKey: 'a.b', durable: false });
  });
});
