import { headers as natsHeaders, type Msg } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { parseAckSubject, toDelivery, toNatsHeaders } from './nats-message-mapping.js';

const NS = '1795853156681756791';

function msg(subject: string, data: Uint8Array, headers = natsHeaders()): Msg {
  return { subject, sid: 1, data, headers } as unknown as Msg;
}

describe('nats message mapping', () => {
  it('parses both forms of the JetStream ack subject', () => {
    const old = parseAckSubject(`$JS.ACK.ORDERS.mock.2.41.7.${NS}.0`);
    expect(old).toEqual({
      stream: 'ORDERS',
      consumer: 'mock',
      deliveryCount: 2,
      streamSequence: 41,
      storedAtNanos: NS,
    });
    const domain = parseAckSubject(`$JS.ACK.hub.ACCHASH.ORDERS.mock.1.41.7.${NS}.0.xyz`);
    expect(domain).toMatchObject({ stream: 'ORDERS', deliveryCount: 1, streamSequence: 41 });
    expect(parseAckSubject('_INBOX.abc')).toBeNull();
    expect(parseAckSubject('$JS.ACK.a.b.x.y.z.w.v')).toBeNull();
  });

  it('maps headers, properties and ids; the message id is the dedupe id', () => {
    const out = toNatsHeaders({
      body: Buffer.from('x'),
      headers: { 'x-count': 7, 'x-test': 'yes' },
      properties: { correlationId: 'c-1', contentType: 'application/json', messageId: 'not-here' },
    });
    out?.set('Nats-Msg-Id', 'm-1');
    const info = parseAckSubject(`$JS.ACK.ORDERS.mock.1.41.7.${NS}.0`)!;
    const delivery = toDelivery(msg('orders.in', new Uint8Array([1, 2]), out), info, new Date(0));
    expect(delivery.headers).toEqual({ 'x-count': 7, 'x-test': 'yes' });
    expect(delivery.properties).toMatchObject({
      correlationId: 'c-1',
      contentType: 'application/json',
      messageId: 'm-1',
    });
    expect(delivery.brokerMessageId).toBe('m-1');
    expect(delivery.body).toEqual(Buffer.from([1, 2]));
    expect(delivery.redelivered).toBe(false);
    expect(delivery.properties.timestamp?.getTime()).toBe(Number(BigInt(NS) / 1_000_000n));
  });

  it('without a producer id, dedupes on the stream sequence plus the store time', () => {
    const info = parseAckSubject(`$JS.ACK.ORDERS.mock.3.41.9.${NS}.0`)!;
    const delivery = toDelivery(msg('orders.in', new Uint8Array()), info, new Date(0));
    expect(delivery.brokerMessageId).toBe(`41@${NS}`);
    expect(delivery.redelivered).toBe(true);
  });
});
