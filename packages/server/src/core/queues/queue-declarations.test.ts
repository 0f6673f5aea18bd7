import { describe, expect, it } from 'vitest';
import { checkQueueOptions, declarations } from './queue-declarations.js';

describe('declarations', () => {
  it('declares a RabbitMQ queue durable and classic unless told otherwise', () => {
    expect(declarations.rabbitmq({ id: 'x', queue: 'q', create: true, options: {} })).toEqual({
      kind: 'rabbitmq',
      create: true,
      durable: true,
      queueType: 'classic',
      bindings: [],
    });
  });

  it('names every reader after the queue mock id, the same on every node, whatever the source', () => {
    const mock = { id: 'id-1', queue: 'orders', create: false, options: {} };
    expect(declarations.nats(mock)).toEqual({ kind: 'nats', create: false, durable: 'understudy-id-1' });
    expect(declarations.mqtt(mock)).toEqual({ kind: 'mqtt', shareGroup: 'understudy-id-1' });
    expect(declarations.redis(mock)).toEqual({ kind: 'redis', create: false, group: 'understudy-id-1' });
  });

  it('gives two queue mocks on one source two readers', () => {
    const [a, b] = ['a', 'b'].map((id) => ({ id, queue: 'orders', create: true, options: {} }));
    for (const kind of ['nats', 'mqtt', 'redis'] as const) {
      expect(declarations[kind](a!)).not.toEqual(declarations[kind](b!));
    }
  });
});

describe('checkQueueOptions', () => {
  it('refuses RabbitMQ-only options on other kinds, pointing at each', () => {
    expect(() => checkQueueOptions('nats', { queueType: 'quorum', bindings: [] })).toThrow(
      expect.objectContaining({
        details: [
          { path: '/body/options/queueType', message: 'is not supported by nats brokers' },
          { path: '/body/options/bindings', message: 'is not supported by nats brokers' },
        ],
      }),
    );
  });

  it('refuses a non-durable quorum queue', () => {
    expect(() => checkQueueOptions('rabbitmq', { queueType: 'quorum', durable: false })).toThrow(/durable/);
  });

  it('accepts a prefetch on every kind', () => {
    expect(() => checkQueueOptions('redis', { prefetch: 10 })).not.toThrow();
  });
});
