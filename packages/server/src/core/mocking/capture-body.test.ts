import { describe, expect, it } from 'vitest';
import { captureBody } from './capture-body.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('captureBody', () => {
  it('keeps nothing for an empty body', () => {
    expect(captureBody(new Uint8Array(0), 10)).toBeNull();
  });
  it('keeps UTF-8 as text', () => {
    expect(captureBody(bytes('{"a":"ü"}'), 100)).toEqual({ text: '{"a":"ü"}', size: 10, truncated: false });
  });
  it('cuts at the cap and says so, even inside a multi-byte character', () => {
    expect(captureBody(bytes('aaü'), 3)).toEqual({ text: 'aa', size: 4, truncated: true });
  });
  it('keeps binary as base64', () => {
    expect(captureBody(new Uint8Array([0xff, 0x00, 0xfe]), 100)).toEqual({
      base64: '/wD+',
      size: 3,
      truncated: false,
    });
  });
});
