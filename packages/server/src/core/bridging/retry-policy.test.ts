import { describe, expect, it } from 'vitest';
import { retryDelayMs, shouldRetry } from './retry-policy.js';

describe('retry policy', () => {
  it('waits backoffMs, then doubles, never more than a minute', () => {
    const policy = { attempts: 10, backoffMs: 100 };
    expect([1, 2, 3, 4].map((n) => retryDelayMs(policy, n))).toEqual([100, 200, 400, 800]);
    expect(retryDelayMs({ attempts: 20, backoffMs: 60_000 }, 5)).toBe(60_000);
  });

  it('allows `attempts` calls in all', () => {
    const policy = { attempts: 3, backoffMs: 0 };
    expect([1, 2, 3].map((n) => shouldRetry(policy, n))).toEqual([true, true, false]);
  });
});
