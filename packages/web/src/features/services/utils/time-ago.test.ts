import { describe, expect, it } from 'vitest';
import { timeAgo } from './time-ago';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const ago = (ms: number) => timeAgo(new Date(NOW - ms).toISOString(), NOW);

describe('timeAgo', () => {
  it('says how long ago in the largest whole unit', () => {
    expect(ago(5_000)).toBe('5 seconds ago');
    expect(ago(90_000)).toBe('1 minute ago');
    expect(ago(3 * 3_600_000 + 59 * 60_000)).toBe('3 hours ago');
    expect(ago(86_400_000)).toBe('yesterday');
    expect(ago(9 * 86_400_000)).toBe('9 days ago');
  });

  it('says now within a second, and for a time slightly ahead of this clock', () => {
    expect(ago(300)).toBe('now');
    expect(ago(-2_000)).toBe('now');
  });
});
