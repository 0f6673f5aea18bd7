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

/**
 * Takes the property headers out of `headers` (in place, names matched case-insensitively, so a
 * foreign producer's `Content-Type` counts) and returns them as properties.
 */
export function extractProperties(headers: Headers): MessageProperties {
  const names = new Map(Object.keys(headers).map((name) => [name.toLowerCase(), name]));
  // Only a value that makes a valid property is taken out; anything else stays an ordinary header.
  const take = (lowerName: string, valid: (text: string) => boolean = () => true): string | undefined => {
    const name = names.get(lowerName);
    const value = name === undefined ? undefined : headers[name];
    if (name === undefined || typeof value !== 'string' || !valid(value)) return undefined;
    delete headers[name];
    return value;
  };
  const properties: MessageProperties = {};
  for (const [key, name] of Object.entries(PROPERTY_HEADERS) as Array<[TextProperty, string]>) {
    const value = take(name);
    if (value !== undefined) properties[key] = value;
  }
  for (const [key, name] of Object.entries(NUMBER_HEADERS) as Array<[keyof typeof NUMBER_HEADERS, string]>) {
    const value = take(name, (text) => Number.isFinite(Number(text)));
    if (value !== undefined) properties[key] = Number(value);
  }
  const timestamp = take('timestamp', (text) => !Number.isNaN(Date.parse(text)));
  if (timestamp !== undefined) properties.timestamp = new Date(timestamp);
  return properties;
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
