import { describe, expect, it } from 'vitest';
import { BodyTap } from './proxy-tap.js';

describe('BodyTap', () => {
  it('keeps the first bytes, counts them all, and says when the body was cut', () => {
    const tap = new BodyTap(5);
    tap.take(Buffer.from('abc'));
    tap.take(Buffer.from('defgh'));
    expect(tap.size).toBe(8);
    expect(tap.whole).toBe(false);
    expect(tap.bytes().toString()).toBe('abcde');
    expect(tap.captured(4)).toEqual({ text: 'abcd', size: 8, truncated: true });
  });

  it('keeps a small body whole', () => {
    const tap = new BodyTap(100);
    tap.take(Buffer.from('{"a":1}'));
    expect(tap.whole).toBe(true);
    expect(tap.captured(100)).toEqual({ text: '{"a":1}', size: 7, truncated: false });
  });

  it('captures nothing for an empty body', () => {
    expect(new BodyTap(10).captured(10)).toBeNull();
  });
});
