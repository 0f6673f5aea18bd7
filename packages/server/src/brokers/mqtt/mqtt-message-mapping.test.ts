import type { IPublishPacket } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { toDelivery, toPublishOptions } from './mqtt-message-mapping.js';

function received(
  options: ReturnType<typeof toPublishOptions>,
  extra: Partial<IPublishPacket> = {},
): IPublishPacket {
  return {
    cmd: 'publish',
    topic: 'orders/in',
    payload: Buffer.from([0, 255]),
    qos: 1,
    dup: false,
    retain: false,
    messageId: 7,
    properties: options.properties,
    ...extra,
  };
}

describe('mqtt message mapping', () => {
  it('uses the native MQTT 5 fields and user properties, and maps them back', () => {
    const options = toPublishOptions(
      {
        body: Buffer.from('x'),
        headers: { 'x-count': 7, 'x-test': 'yes' },
        properties: {
          correlationId: 'c-1',
          contentType: 'application/json',
          replyTo: 'r/1',
          expirationMs: 1500,
        },
      },
      'm-1',
      true,
    );
    expect(options).toMatchObject({ qos: 1, retain: true });
    expect(options.properties).toMatchObject({
      contentType: 'application/json',
      responseTopic: 'r/1',
      messageExpiryInterval: 2,
    });
    const delivery = toDelivery(received(options), new Date(0), false);
    expect(delivery.headers).toEqual({ 'x-count': 7, 'x-test': 'yes' });
    expect(delivery.properties).toMatchObject({
      messageId: 'm-1',
      correlationId: 'c-1',
      contentType: 'application/json',
      replyTo: 'r/1',
      expirationMs: 2000,
    });
    expect(delivery.brokerMessageId).toBe('m-1');
    expect(delivery.body).toEqual(Buffer.from([0, 255]));
    expect(delivery.subject).toBe('orders/in');
  });

  it('has no broker id without a producer one, and marks DUP or our own retries as redelivered', () => {
    const bare = received({ qos: 1 }, { properties: undefined, dup: true });
    expect(toDelivery(bare, new Date(0), false)).toMatchObject({
      brokerMessageId: null,
      redelivered: true,
      headers: {},
    });
    expect(toDelivery({ ...bare, dup: false }, new Date(0), true).redelivered).toBe(true);
  });
});
