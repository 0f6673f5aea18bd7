import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReconnectPacing } from './reconnect-pacing.js';

const bounds = { retryLowMs: 100, retryHighMs: 3200 };

function paced(stableAfterMs = 5000) {
  let now = 0;
  const pacing = new ReconnectPacing(bounds, { stableAfterMs, now: () => now });
  return { pacing, advance: (ms: number) => (now += ms) };
}

describe('ReconnectPacing', () => {
  // The jitter at its top: each wait is then the ceiling of its attempt (200, 400, 800, … 3200).
  beforeEach(() => void vi.spyOn(Math, 'random').mockReturnValue(1));
  afterEach(() => vi.restoreAllMocks());

  it('waits longer and longer while connections keep dropping soon after they were made', () => {
    const { pacing, advance } = paced();
    const waits = Array.from({ length: 6 }, () => {
      pacing.connected();
      advance(1000); // taken over (or dropped) again after a second
      return pacing.nextDelay();
    });
    expect(waits).toEqual([200, 400, 800, 1600, 3200, 3200]);
  });

  it('starts over after a connection that stayed up long enough', () => {
    const { pacing, advance } = paced();
    for (let i = 0; i < 4; i += 1) {
      pacing.connected();
      advance(10);
      pacing.nextDelay();
    }
    pacing.connected();
    advance(5000);
    expect(pacing.nextDelay()).toBe(200);
  });

  it('keeps counting attempts that never connected', () => {
    const { pacing } = paced();
    expect(Array.from({ length: 4 }, () => pacing.nextDelay())).toEqual([200, 400, 800, 1600]);
  });

  it('waits the slow end when a human must act', () => {
    const { pacing } = paced();
    expect(pacing.nextDelay(true)).toBe(3200);
    expect(pacing.nextDelay()).toBe(200);
  });
});
