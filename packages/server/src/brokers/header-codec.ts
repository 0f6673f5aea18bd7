import type { HeaderValue, Headers, MessageProperties } from '../core/ports/broker-client.js';

/** One name/value pair as NATS headers, MQTT 5 user properties and Redis fields carry them: text only. */
export type HeaderPair = readonly [name: string, value: string];

/**
 * Lists (as a JSON array) the headers whose values were JSON-encoded because they were not strings, so
 * `x-count: 7` comes back as the number 7 while a foreign producer's text `"7"` stays text.
 */
export const JSON_HEADERS = 'understudy-json-headers';

/**
 * Message properties that NATS headers and MQTT user properties have no field for travel as headers
 * under these names (MQTT 5 carries contentType, correlationId, replyTo and expiry natively).
 */
const PROPERTY_HEADERS = {
  messageId: 'message-id',
  contentType: 'content-type',
  contentEncoding: 'content-encoding',
  correlationId: 'correlation-id',
  replyTo: 'reply-to',
  type: 'message-type',
  appId: 'app-id',
  userId: 'user-id',
} as const satisfies Partial<Record<keyof MessageProperties, string>>;
type TextProperty = keyof typeof PROPERTY_HEADERS;
const NUMBER_HEADERS = { priority: 'priority', expirationMs: 'expiration-ms' } as const;

/** Headers as text pairs, non-string values JSON-encoded and listed under {@link JSON_HEADERS}. */
export function encodeHeaders(headers: Headers | undefined): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  const encoded: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value === 'string') pairs.push([name, value]);
    else {
      pairs.push([name, JSON.stringify(value)]);
      encoded.push(name);
    }
  }
  if (encoded.length > 0) pairs.push([JSON_HEADERS, JSON.stringify(encoded)]);
  return pairs;
}

/** The inverse of {@link encodeHeaders}; a name given several times becomes an array of its values. */
export function decodeHeaders(pairs: Iterable<HeaderPair>): Headers {
  const texts = new Map<string, string[]>();
  for (const [name, text] of pairs) {
    const list = texts.get(name);
    if (list) list.push(text);
    else texts.set(name, [text]);
  }
  const encoded = new Set(jsonNames(texts.get(JSON_HEADERS)?.[0]));
  texts.delete(JSON_HEADERS);
  const headers: Headers = {};
  for (const [name, list] of texts) {
    const values = list.map((text) => (encoded.has(name) ? parseOr(text) : text));
    headers[name] = values.length === 1 ? (values[0] ?? null) : values;
  }
  return headers;
}

/** The properties without a native field, as header pairs (see {@link PROPERTY_HEADERS}). */
export function encodeProperties(properties: MessageProperties, skip: readonly string[] = []): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  for (const [key, name] of Object.entries(PROPERTY_HEADERS) as Array<[TextProperty, string]>) {
    const value = properties[key];
    if (value !== undefined && !skip.includes(key)) pairs.push([name, value]);
  }
  for (const [key, name] of Object.entries(NUMBER_HEADERS) as Array<[keyof typeof NUMBER_HEADERS, string]>) {
    const value = properties[key];
    if (value !== undefined && !skip.includes(key)) pairs.push([name, String(value)]);
  }
  if (properties.timestamp && !skip.includes('timestamp')) {
    pairs.push(['timestamp', properties.timestamp.toISOString()]);
  }
  return pairs;
}

/** Header name (lower case) → the property it carries and how to read it, for one pass over the headers. */
type PropertyReader = { key: keyof MessageProperties; read: (text: string) => unknown };
const BY_HEADER = new Map<string, PropertyReader>();
for (const [key, name] of Object.entries(PROPERTY_HEADERS) as Array<[TextProperty, string]>) {
  BY_HEADER.set(name, { key, read: (text) => text });
}
for (const [key, name] of Object.entries(NUMBER_HEADERS) as Array<[keyof typeof NUMBER_HEADERS, string]>) {
  BY_HEADER.set(name, { key, read: readNumber });
}
BY_HEADER.set('timestamp', { key: 'timestamp', read: readDate });

function readNumber(text: string): number | undefined {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : undefined;
}

function readDate(text: string): Date | undefined {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/**
 * Takes the property headers out of `headers` (in place, names matched case-insensitively, so a
 * foreign producer's `Content-Type` counts) and returns them as properties. Only a value that makes a
 * valid property is taken out; anything else stays an ordinary header. One pass over the headers
 * present, since this runs for every message of every intake.
 */
export function extractProperties(headers: Headers): MessageProperties {
  const properties: Record<string, unknown> = {};
  for (const name of Object.keys(headers)) {
    const target = BY_HEADER.get(name) ?? BY_HEADER.get(name.toLowerCase());
    const text = headers[name];
    if (!target || typeof text !== 'string') continue;
    const value = target.read(text);
    if (value === undefined) continue;
    properties[target.key] = value;
    delete headers[name];
  }
  return properties as MessageProperties;
}

function jsonNames(text: string | undefined): string[] {
  const parsed = text === undefined ? [] : parseOr(text);
  return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string') : [];
}

/** A value that claims to be JSON but is not stays the text it is, rather than failing the whole message. */
function parseOr(text: string): HeaderValue {
  try {
    return JSON.parse(text) as HeaderValue;
  } catch {
    return text;
  }
}
