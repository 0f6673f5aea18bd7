import { AMQPChannelError, AMQPConnectionError, AMQPError } from 'rabbitmq-client';
import { describe, expect, it } from 'vitest';
import { BrokerRejectedError, BrokerUnavailableError } from '../../core/ports/broker-client.js';
import { faultOf, needsHuman, toBrokerError } from './rabbitmq-faults.js';

// rabbitmq-client's error classes take (code, message) at runtime; its typings do not declare a constructor.
type ErrorClass = new (code: string, message: string) => Error;
const make = (cls: unknown, code: string, message = 'm'): Error => new (cls as ErrorClass)(code, message);

describe('rabbitmq faults', () => {
  it('says which faults need a human: credentials and vhosts do, a dropped socket does not', () => {
    expect(needsHuman(faultOf(make(AMQPConnectionError, 'ACCESS_REFUSED')))).toBe(true);
    expect(needsHuman(faultOf(make(AMQPConnectionError, 'NOT_ALLOWED')))).toBe(true);
    expect(needsHuman(faultOf(make(AMQPConnectionError, 'CONN_CLOSE')))).toBe(false);
    expect(needsHuman(faultOf(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })))).toBe(false);
  });

  it("drops rabbitmq-client's 'undefined: ' prefix from handshake errors", () => {
    expect(
      faultOf(make(AMQPConnectionError, 'ACCESS_REFUSED', 'undefined: ACCESS_REFUSED - Login')).message,
    ).toBe('ACCESS_REFUSED - Login');
  });

  it('maps broker refusals to 4xx rejections and lost connections to 503', () => {
    expect(toBrokerError(make(AMQPChannelError, 'NOT_FOUND'), 'declaring q')).toMatchObject({ status: 404 });
    expect(toBrokerError(make(AMQPChannelError, 'PRECONDITION_FAILED'), 'a')).toMatchObject({ status: 409 });
    expect(toBrokerError(make(AMQPError, 'NACK'), 'a')).toBeInstanceOf(BrokerRejectedError);
    expect(toBrokerError(make(AMQPChannelError, 'CH_CLOSE'), 'a')).toBeInstanceOf(BrokerUnavailableError);
    expect(toBrokerError(make(AMQPConnectionError, 'CONN_CLOSE'), 'a')).toBeInstanceOf(
      BrokerUnavailableError,
    );
    expect(toBrokerError(make(AMQPError, 'TIMEOUT'), 'a')).toMatchObject({
      status: 503,
      brokerCode: 'TIMEOUT',
    });
    expect(toBrokerError(make(AMQPChannelError, 'NOT_FOUND'), 'declaring q').message).toMatch(
      /^declaring q: /,
    );
  });
});
