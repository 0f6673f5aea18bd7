import { describe, expect, it } from 'vitest';
import { ELEMENT_OIDS, binaryArray } from './queue-message-binary-arrays.js';

/** Reads a one-dimensional binary array back, as array_recv would. */
function readArray(buf: Buffer, read: (bytes: Buffer) => unknown) {
  const header = { dims: buf.readInt32BE(0), nulls: buf.readInt32BE(4), oid: buf.readInt32BE(8) };
  const count = buf.readInt32BE(12);
  expect(buf.readInt32BE(16)).toBe(1);
  const items: unknown[] = [];
  let offset = 20;
  for (let i = 0; i < count; i++) {
    const length = buf.readInt32BE(offset);
    offset += 4;
    items.push(length < 0 ? null : read(buf.subarray(offset, offset + length)));
    offset += Math.max(length, 0);
  }
  expect(offset).toBe(buf.length);
  return { ...header, items };
}

describe('binaryArray', () => {
  it('writes text as UTF-8 with lengths in bytes, NULL as -1, and flags the nulls', () => {
    const values = ['plain', 'ü "quoted" \\ {x,y}', null, ''];
    const decoded = readArray(binaryArray(values, 'text'), (b) => b.toString('utf8'));
    expect(decoded).toEqual({ dims: 1, nulls: 1, oid: ELEMENT_OIDS.text, items: values });
    expect(readArray(binaryArray(['{}'], 'json'), (b) => b.toString()).nulls).toBe(0);
  });

  it('writes 64-bit integers exactly across the whole safe range, and 32-bit ones', () => {
    const longs = [0, 1, 1_700_000_000_123, Number.MAX_SAFE_INTEGER, -1, -1_700_000_000_123];
    const decoded = readArray(binaryArray(longs, 'int8'), (b) => Number(b.readBigInt64BE(0)));
    expect(decoded).toMatchObject({ oid: ELEMENT_OIDS.int8, items: longs });
    expect(readArray(binaryArray([0, 1, -5], 'int4'), (b) => b.readInt32BE(0)).items).toEqual([0, 1, -5]);
  });

  it('gives each array its own bytes, however large, and encodes characters of every width', () => {
    const wide = ['€😀ü', 'a'.repeat(100_000), '\ud800 lone surrogate'];
    const first = binaryArray(wide, 'text');
    const copy = Buffer.from(first);
    binaryArray(['something else entirely'], 'text');
    expect(first.equals(copy)).toBe(true);
    const items = readArray(first, (b) => b.toString('utf8')).items;
    expect(items.slice(0, 2)).toEqual(wide.slice(0, 2));
    expect(items[2]).toBe('\ufffd lone surrogate');
  });
});
