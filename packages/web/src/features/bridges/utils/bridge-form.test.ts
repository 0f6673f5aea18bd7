import { describe, expect, it } from 'vitest';
import { formValue, toBridgeInput, type BridgeFormValue } from './bridge-form';

const identity = { kind: 'identity' } as const;

function newBridge(change: Partial<BridgeFormValue>): BridgeFormValue {
  return { ...formValue(undefined, 'local'), name: 'b', inQueue: 'in', outQueue: 'out', ...change };
}

describe('toBridgeInput', () => {
  it('declares IN and OUT on RabbitMQ, as the form starts out', () => {
    const input = toBridgeInput(newBridge({}), identity, { in: 'rabbitmq', out: 'rabbitmq' });
    expect(input.in).toEqual({ broker: 'local', queue: 'in', create: true });
    expect(input.out).toEqual({ broker: 'local', queue: 'out', create: true });
  });

  it('sends no create for an MQTT IN nor for an OUT that is not RabbitMQ, though the form holds it', () => {
    const value = newBridge({ inBroker: 'mosquitto', outBroker: 'redis' });
    const input = toBridgeInput(value, identity, { in: 'mqtt', out: 'redis' });
    expect(input.in).toEqual({ broker: 'mosquitto', queue: 'in', create: false });
    expect(input.out).toEqual({ broker: 'redis', queue: 'out' });
  });

  it('keeps IN create where the kind has something to create (NATS stream, Redis group)', () => {
    expect(toBridgeInput(newBridge({}), identity, { in: 'nats', out: 'rabbitmq' }).in.create).toBe(true);
    expect(toBridgeInput(newBridge({}), identity, { in: 'redis', out: 'rabbitmq' }).in.create).toBe(true);
  });

  it('publishes through an exchange only when OUT is RabbitMQ', () => {
    const value = newBridge({ outTarget: 'exchange', outExchange: 'amq.topic', outRoutingKey: 'orders.out' });
    const rabbit = toBridgeInput(value, identity, { in: 'mqtt', out: 'rabbitmq' });
    expect(rabbit.out).toEqual({ broker: 'local', exchange: 'amq.topic', routingKey: 'orders.out' });
    const mqtt = toBridgeInput(value, identity, { in: 'rabbitmq', out: 'mqtt' });
    expect(mqtt.out).toEqual({ broker: 'local', queue: 'out' });
  });

  it('trims the queue names a user typed', () => {
    const input = toBridgeInput(newBridge({ inQueue: ' a/+/b ', outQueue: ' c ' }), identity, {
      in: 'mqtt',
      out: 'rabbitmq',
    });
    expect([input.in.queue, input.out.queue]).toEqual(['a/+/b', 'c']);
  });
});
