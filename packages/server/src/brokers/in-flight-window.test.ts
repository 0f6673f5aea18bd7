import { describe, expect, it } from 'vitest';
import { InFlightWindow } from './in-flight-window.js';

describe('InFlightWindow', () => {
  it('lets `size` callers in and queues the rest in arrival order', async () => {
    const window = new InFlightWindow(2);
    const order: number[] = [];
    await window.acquire();
    await window.acquire();
    const third = window.acquire().then(() => order.push(3));
    const fourth = window.acquire().then(() => order.push(4));
    expect(window.inFlight).toBe(2);
    window.release();
    await third;
    window.release();
    await fourth;
    expect(order).toEqual([3, 4]);
    expect(window.inFlight).toBe(2);
  });

  it('resolves drained() once the last slot is released', async () => {
    const window = new InFlightWindow(3);
    await window.acquire();
    let drained = false;
    const done = window.drained().then(() => (drained = true));
    await Promise.resolve();
    expect(drained).toBe(false);
    window.release();
    await done;
    expect(window.inFlight).toBe(0);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new InFlightWindow(0)).toThrow(RangeError);
  });
});
