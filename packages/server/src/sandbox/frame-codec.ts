/**
 * Frames between Node and runner.py: a 4-byte big-endian length, then that many bytes of UTF-8 JSON.
 * They travel on fd 3, never on stdout, so a handler's print() cannot corrupt them.
 */

const HEADER_BYTES = 4;

export function encodeFrame(message: unknown): Buffer {
  const json = JSON.stringify(message);
  const length = Buffer.byteLength(json);
  const frame = Buffer.allocUnsafe(HEADER_BYTES + length);
  frame.writeUInt32BE(length, 0);
  frame.write(json, HEADER_BYTES, 'utf8');
  return frame;
}

/** The worker announced or sent a frame larger than we accept; it is killed. */
export class FrameTooLargeError extends Error {
  constructor(
    readonly length: number,
    readonly maxBytes: number,
  ) {
    super(`the worker sent a ${length}-byte frame; the limit is ${maxBytes} bytes`);
  }
}

/** The worker sent bytes that are not a JSON frame (user code wrote to fd 3); it is killed. */
export class FrameCorruptError extends Error {}

/** Reassembles frames from socket chunks; a chunk may hold part of a frame or several frames. */
export class FrameDecoder {
  readonly #maxBytes: number;
  #chunks: Buffer[] = [];
  #buffered = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Returns every complete frame, parsed. Throws FrameTooLargeError or FrameCorruptError. */
  push(chunk: Buffer): unknown[] {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    const frames: unknown[] = [];
    for (;;) {
      const frame = this.#next();
      if (frame === undefined) return frames;
      frames.push(frame);
    }
  }

  #next(): unknown {
    if (this.#buffered < HEADER_BYTES) return undefined;
    const length = this.#peekLength();
    if (length > this.#maxBytes) throw new FrameTooLargeError(length, this.#maxBytes);
    // Wait for the whole frame before copying, so a big frame arriving in many chunks is joined once.
    if (this.#buffered < HEADER_BYTES + length) return undefined;
    const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks, this.#buffered);
    const end = HEADER_BYTES + length;
    // Decoded straight from `all`, and the rest kept only when there is some: most reads bring
    // exactly one frame, which then costs no Buffer view.
    const text = all.toString('utf8', HEADER_BYTES, end);
    this.#chunks = all.length > end ? [all.subarray(end)] : [];
    this.#buffered = all.length - end;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new FrameCorruptError('the worker sent a frame that is not JSON (did the code write to fd 3?)');
    }
  }

  #peekLength(): number {
    const first = this.#chunks[0]!;
    if (first.length >= HEADER_BYTES) return first.readUInt32BE(0);
    this.#chunks = [Buffer.concat(this.#chunks, this.#buffered)];
    return this.#chunks[0]!.readUInt32BE(0);
  }
}
