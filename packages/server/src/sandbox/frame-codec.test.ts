import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameCorruptError, FrameDecoder, FrameTooLargeError } from './frame-codec.js';

describe('frames', () => {
  it('round-trips a message through encode and decode', () => {
    const message = { op: 'call', body: { text: 'héllo 🎉' }, headers: {} };
    expect(new FrameDecoder(1024).push(encodeFrame(message))).toEqual([message]);
  });

  it('prefixes the UTF-8 byte length, big-endian', () => {
    const frame = encodeFrame('é');
    expect(frame.readUInt32BE(0)).toBe(4); // "é" with quotes is 4 bytes of UTF-8
    expect(frame.subarray(4).toString('utf8')).toBe('"é"');
  });

  it('reassembles a frame split across chunks, byte by byte', () => {
    const decoder = new FrameDecoder(1024);
    const frame = encodeFrame({ n: 1 });
    const frames = [...frame].flatMap((byte) => decoder.push(Buffer.from([byte])));
    expect(frames).toEqual([{ n: 1 }]);
  });

  it('returns every frame of a chunk holding several, keeping the partial rest', () => {
    const decoder = new FrameDecoder(1024);
    const third = encodeFrame('third');
    const chunk = Buffer.concat([encodeFrame(1), encodeFrame(2), third.subarray(0, 5)]);
    expect(decoder.push(chunk)).toEqual([1, 2]);
    expect(decoder.push(third.subarray(5))).toEqual(['third']);
  });

  it('refuses a frame announced larger than the limit before it arrives', () => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(2048);
    expect(() => new FrameDecoder(1024).push(header)).toThrow(FrameTooLargeError);
  });

  it('refuses a frame that is not JSON', () => {
    const body = Buffer.from('hello');
    const header = Buffer.alloc(4);
    header.writeUInt32BE(body.length);
    expect(() => new FrameDecoder(1024).push(Buffer.concat([header, body]))).toThrow(FrameCorruptError);
  });
});
