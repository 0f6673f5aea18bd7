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

  it('names sessions after the queue mock id, so they survive restarts', () => {
    expect(declarations.nats({ id: 'id-1', queue: 'orders.*', create: false, options: {} })).toEqual({
      kind: 'nats',
      create: false,
    });
    expect(declarations.mqtt({ id: 'id-1', queue: 't/#', create: true, options: {} })).toEqual({
      kind: 'mqtt',
      sessionId: 'understudy-id-1',
    });
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
