import { describe, expect, it } from 'vitest';
import { checkSubject, defaultDurableName, defaultStreamName } from './nats-topology.js';

describe('nats topology names', () => {
  it('accepts subjects and, where allowed, filters', () => {
    expect(() => checkSubject('orders.in', false)).not.toThrow();
    expect(() => checkSubject('orders.*.in', true)).not.toThrow();
    expect(() => checkSubject('orders.>', true)).not.toThrow();
  });

  it('refuses empty tokens, whitespace, misplaced wildcards, and wildcards in a publish subject', () => {
    for (const bad of ['', 'a..b', 'a b', 'a.>.b', 'a*.b', '.a'])
      expect(() => checkSubject(bad, true)).toThrow(/queue/);
    expect(() => checkSubject('orders.*', false)).toThrow(/without wildcards/);
  });

  it('derives stream and durable names JetStream accepts, distinct for look-alike subjects', () => {
    const a = defaultStreamName('orders.in');
    expect(a).toMatch(/^understudy-orders_in-[0-9a-f]{8}$/);
    expect(defaultStreamName('orders_in')).not.toBe(a);
    expect(defaultDurableName('orders.*')).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
