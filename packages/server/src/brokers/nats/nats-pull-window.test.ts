import { afterEach, describe, expect, it, vi } from 'vitest';
import { PullWindow } from './nats-pull-window.js';

function window(prefetch: number) {
  const sent: Array<{ batch: number; expires: number; idle_heartbeat: number }> = [];
  const lost = vi.fn();
  const w = new PullWindow(prefetch, 10_000, {
    send: (request) => {
      sent.push(JSON.parse(request) as (typeof sent)[number]);
      return true;
    },
    lost,
  });
  return { w, sent, lost };
}

describe('PullWindow', () => {
  afterEach(() => vi.useRealTimers());

  it('asks for the whole prefetch, then for freed room: any while idle, a quarter while a request is open', () => {
    const { w, sent } = window(100);
    w.start('$JS.API.CONSUMER.MSG.NEXT.S.D');
    expect(sent.map((r) => r.batch)).toEqual([100]);
    // JetStream wants nanoseconds; heartbeats at half the expiry, so two missed ones fit in a request.
    expect(sent[0]).toMatchObject({ expires: 10_000_000_000, idle_heartbeat: 5_000_000_000 });
    for (let i = 0; i < 100; i += 1) w.received();
    w.release(10);
    expect(sent.at(-1)?.batch).toBe(10); // nothing was requested: ask even for a little
    w.release(20);
    expect(sent).toHaveLength(2); // 20 free, a request open: wait until a quarter is free
    w.release(10);
    expect(sent.at(-1)?.batch).toBe(30);
    w.stop();
  });

  it('never lets held plus requested exceed the prefetch, and re-asks when a request expires', () => {
    const { w, sent } = window(8);
    w.start('s');
    for (let i = 0; i < 3; i += 1) w.received();
    w.expired(5); // the request ended with 5 of its 8 undelivered
    expect(sent.at(-1)?.batch).toBe(5);
    w.expired(undefined);
    expect(sent.at(-1)?.batch).toBe(5);
    w.stop();
  });

  it('declares the requests lost after two missed heartbeats', () => {
    vi.useFakeTimers();
    const { w, lost } = window(10);
    w.start('s');
    vi.advanceTimersByTime(5000 * 3 + 1000);
    expect(lost).toHaveBeenCalled();
    w.stop();
  });
});
