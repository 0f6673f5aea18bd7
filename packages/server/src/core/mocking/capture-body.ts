import type { CapturedBody } from '@understudy/contracts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Keeps at most `cap` bytes of a body for the journal: as text when it is UTF-8, else as base64. */
export function captureBody(bytes: Uint8Array, cap: number): CapturedBody | null {
  if (bytes.length === 0) return null;
  const kept = bytes.length > cap ? bytes.subarray(0, cap) : bytes;
  const truncated = kept.length < bytes.length;
  try {
    // A cut may split a multi-byte character; `stream: true` tolerates an incomplete tail.
    return { text: strictUtf8.decode(kept, { stream: truncated }), size: bytes.length, truncated };
  } catch {
    return { base64: toBase64(kept), size: bytes.length, truncated };
  }
}
