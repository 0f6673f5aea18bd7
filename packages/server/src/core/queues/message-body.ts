import { ValidationError } from '../errors.js';
import type { StoredBody } from '../ports/queue-message-store.js';
import type { BodyEncoding } from '../ports/queue-mock-store.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Only text that can start a JSON value is worth a JSON.parse (a failed parse throws, which costs). */
const MAYBE_JSON = /^\s*[[{"\-0-9tfn]/;
/**
 * JSON PostgreSQL's JSONB refuses: an escaped NUL or a (possibly lone) surrogate. Such a body is kept
 * as text instead, so it can never make a batch fail on every redelivery.
 */
const JSONB_UNSAFE = /\\u(?:0000|d[89a-f])/i;
const LONG_DIGITS = /\d{16,}/g;

/** Whether a parsed value holds an integer too large to be exact; a cheap walk, unlike a text scan. */
function hasUnsafeInteger(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (value === null || typeof value !== 'object') return false;
  for (const item of Array.isArray(value) ? value : Object.values(value))
    if (hasUnsafeInteger(item)) return true;
  return false;
}

function asText(bytes: Uint8Array): string | undefined {
  try {
    const text = utf8.decode(bytes);
    // PostgreSQL text cannot hold NUL; such bodies are binary for our purposes.
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

/** A cut may split a multi-byte character; drop up to 3 trailing bytes to find a valid prefix. */
function asTruncatedText(bytes: Uint8Array): string | undefined {
  for (let trim = 0; trim <= 3 && trim < bytes.length; trim++) {
    const text = asText(bytes.subarray(0, bytes.length - trim));
    if (text !== undefined) return text;
  }
  return undefined;
}

/** Integers beyond 2^53 would come back rounded; such bodies are kept as text, digit for digit. */
function losesPrecision(text: string, value: unknown): boolean {
  if (!hasUnsafeInteger(value)) return false;
  const runs = text.match(LONG_DIGITS);
  if (!runs) return false;
  const again = JSON.stringify(value);
  return runs.some((run) => !again.includes(run));
}

function asJson(text: string): { value: unknown } | undefined {
  // Most bodies hold no \u escape at all: looking for one is far quicker than the regex.
  if (!MAYBE_JSON.test(text) || (text.includes('\\u') && JSONB_UNSAFE.test(text))) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return losesPrecision(text, value) ? undefined : { value };
  } catch {
    return undefined;
  }
}

/**
 * Keeps a delivered body as raw as it can while staying queryable (issue 6): JSON when it parses,
 * else UTF-8 text, else base64. Bodies over `limit` bytes are cut there and flagged.
 */
export function decodeBody(bytes: Buffer, limit: number): StoredBody {
  const size = bytes.length;
  if (size > limit) {
    const kept = bytes.subarray(0, limit);
    const text = asTruncatedText(kept);
    return text === undefined
      ? { encoding: 'base64', value: kept.toString('base64'), size, truncated: true }
      : { encoding: 'text', value: text, size, truncated: true };
  }
  const text = asText(bytes);
  if (text === undefined)
    return { encoding: 'base64', value: bytes.toString('base64'), size, truncated: false };
  const json = asJson(text);
  if (json) return { encoding: 'json', value: json.value, size, truncated: false, json: text };
  return { encoding: 'text', value: text, size, truncated: false };
}

/**
 * A body the client library already parsed as JSON, kept as its value and text without decoding it
 * again; undefined when it must take decodeBody's path after all (over the limit, or JSON that
 * PostgreSQL refuses, which is kept as text).
 */
export function jsonBody(text: string, value: unknown, limit: number): StoredBody | undefined {
  const size = Buffer.byteLength(text);
  if (size > limit || JSONB_UNSAFE.test(text)) return undefined;
  return { encoding: 'json', value, size, truncated: false, json: text };
}

export interface EncodedBody {
  bytes: Buffer;
  /** What the bytes are, for a message that does not say. */
  contentType: string;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The bytes to send for a body given through the API. Without an encoding a string is text and
 * anything else JSON, so `{"body": {...}}` and `{"body": "hello"}` both do what one expects, and a
 * kept message (`body` + `bodyEncoding`) re-publishes byte for byte.
 */
export function encodeBody(value: unknown, encoding: BodyEncoding | undefined, pointer: string): EncodedBody {
  const chosen = encoding ?? (typeof value === 'string' ? 'text' : 'json');
  if (chosen === 'json') {
    return { bytes: Buffer.from(JSON.stringify(value) ?? 'null', 'utf8'), contentType: 'application/json' };
  }
  if (typeof value !== 'string') {
    throw new ValidationError(`A ${chosen} body must be a string`, [
      { path: pointer, message: `must be a string when the encoding is ${chosen}` },
    ]);
  }
  if (chosen === 'text') return { bytes: Buffer.from(value, 'utf8'), contentType: 'text/plain' };
  if (!BASE64.test(value)) {
    throw new ValidationError('The body is not valid base64', [{ path: pointer, message: 'is not base64' }]);
  }
  return { bytes: Buffer.from(value, 'base64'), contentType: 'application/octet-stream' };
}
