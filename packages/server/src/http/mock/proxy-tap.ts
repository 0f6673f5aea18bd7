import { Transform, type TransformCallback } from 'node:stream';
import type { CapturedBody } from '@understudy/contracts';
import { captureBody } from '../../core/mocking/capture-body.js';

/**
 * Keeps the first `limit` bytes of a body that streams past and counts the rest, so the journal and
 * the recorder see the start of any body while memory stays constant whatever its size.
 */
export class BodyTap {
  #chunks: Buffer[] = [];
  #kept = 0;
  /** Every byte seen, kept or not. */
  size = 0;

  constructor(private readonly limit: number) {}

  take(chunk: Buffer): void {
    this.size += chunk.length;
    const room = this.limit - this.#kept;
    if (room <= 0) return;
    // A copy, so a small prefix does not pin the whole (possibly large) chunk in memory.
    const part = chunk.length <= room ? chunk : Buffer.from(chunk.subarray(0, room));
    this.#chunks.push(part);
    this.#kept += part.length;
  }

  /** Whether every byte was kept (the body is complete in `bytes()`). */
  get whole(): boolean {
    return this.#kept === this.size;
  }

  bytes(): Buffer {
    if (this.#chunks.length !== 1) this.#chunks = [Buffer.concat(this.#chunks, this.#kept)];
    return this.#chunks[0] ?? Buffer.alloc(0);
  }

  /** The body as the journal keeps it: at most `cap` bytes, with the full size. */
  captured(cap: number): CapturedBody | null {
    if (this.size === 0) return null;
    const bytes = this.bytes();
    // A whole body within the cap is captured as it is (the common case: no second object).
    if (this.size <= cap && bytes.length === this.size) return captureBody(bytes, cap);
    // One byte past the cap (when there is one) tells captureBody to cut and mark it truncated.
    const captured = captureBody(bytes.length > cap ? bytes.subarray(0, cap + 1) : bytes, cap);
    if (captured === null) return null;
    captured.size = this.size;
    captured.truncated = this.size > cap;
    return captured;
  }
}

/** A pass-through stream that shows every chunk to a BodyTap (for request bodies streamed upstream). */
export class TapStream extends Transform {
  constructor(readonly tap: BodyTap) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.tap.take(chunk);
    callback(null, chunk);
  }
}
