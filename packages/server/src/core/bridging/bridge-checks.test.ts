import { describe, expect, it } from 'vitest';
import { checkEndpoints } from './bridge-checks.js';

const source = { broker: 'local', queue: 'orders.in', create: false };
const rabbit = { in: 'rabbitmq', out: 'rabbitmq' } as const;

function pointers(run: () => void): string[] {
  try {
    run();
    return [];
  } catch (error) {
    return (error as { details: Array<{ path: string }> }).details.map((d) => d.path);
  }
}

describe('checkEndpoints', () => {
  it('accepts a queue, or an exchange with a routing key', () => {
    expect(pointers(() => checkEndpoints(source, { broker: 'local', queue: 'orders.out' }, rabbit))).toEqual(
      [],
    );
    const viaExchange = { broker: 'local', exchange: 'amq.topic', routingKey: 'orders' };
    expect(pointers(() => checkEndpoints(source, viaExchange, rabbit))).toEqual([]);
  });

  it('refuses both or neither target, a stray routing key, and a bridge feeding itself', () => {
    expect(
      pointers(() => checkEndpoints(source, { broker: 'local', queue: 'q', exchange: 'e' }, rabbit)),
    ).toEqual(['/body/out/exchange']);
    expect(pointers(() => checkEndpoints(source, { broker: 'local', routingKey: 'k' }, rabbit))).toEqual([
      '/body/out/queue',
      '/body/out/routingKey',
    ]);
    expect(pointers(() => checkEndpoints(source, { broker: 'local', queue: 'orders.in' }, rabbit))).toEqual([
      '/body/out/queue',
    ]);
  });

  it('keeps exchanges and OUT declarations to RabbitMQ', () => {
    const nats = { in: 'rabbitmq', out: 'nats' } as const;
    expect(pointers(() => checkEndpoints(source, { broker: 'n', exchange: 'e' }, nats))).toEqual([
      '/body/out/exchange',
    ]);
    expect(pointers(() => checkEndpoints(source, { broker: 'n', queue: 's', create: true }, nats))).toEqual([
      '/body/out/create',
    ]);
  });
});
