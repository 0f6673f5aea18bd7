import { withoutHopByHop, type HeaderMap } from './forwarding-rules.js';

/** One finished exchange with the upstream, as the recorder needs it (bodies complete). */
export interface RecordedExchange {
  readonly method: string;
  /** Service-relative path, as received. */
  readonly path: string;
  readonly query: Readonly<Record<string, readonly string[]>>;
  readonly requestContentType: string | undefined;
  readonly requestBody: Uint8Array;
  readonly status: number;
  readonly headers: HeaderMap;
  readonly body: Uint8Array;
}

/** A stub document for the stub catalog plus the key that makes it distinct. */
export interface RecordedStub {
  readonly key: string;
  readonly doc: Record<string, unknown>;
}

const MAX_NAME = 200;
// Recomputed by whoever serves the stub, or meaningless on a replay.
const NOT_REPLAYED = ['date', 'content-length'];
const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\b/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** JSON with object keys sorted, so equal documents have equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The identity of a predicate: two stubs with the same key answer exactly the same requests. */
export function predicateKey(predicate: unknown): string {
  return canonicalJson(predicate);
}

function parseJson(bytes: Uint8Array): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(strictUtf8.decode(bytes)) as unknown };
  } catch {
    return undefined;
  }
}

function queryPredicate(query: RecordedExchange['query']): Record<string, unknown> {
  const first: Record<string, { equals: string }> = {};
  const more: { query: Record<string, { equals: string }> }[] = [];
  for (const name of Object.keys(query).sort()) {
    const [head, ...rest] = query[name] ?? [];
    if (head === undefined) continue;
    first[name] = { equals: head };
    // A repeated parameter matches if any value does, so each further value is a condition of its own.
    for (const value of rest) more.push({ query: { [name]: { equals: value } } });
  }
  return {
    ...(Object.keys(first).length > 0 && { query: first }),
    ...(more.length > 0 && { allOf: more }),
  };
}

function requestPredicate(x: RecordedExchange): Record<string, unknown> {
  const json =
    x.requestBody.length > 0 && JSON_TYPE.test(x.requestContentType ?? '')
      ? parseJson(x.requestBody)
      : undefined;
  return {
    method: x.method.toUpperCase(),
    path: x.path,
    ...queryPredicate(x.query),
    ...(json && { body: { equalsJson: json.value } }),
  };
}

function replayedHeaders(upstream: HeaderMap): Record<string, string | string[]> {
  const headers = withoutHopByHop(upstream);
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !NOT_REPLAYED.includes(name)) kept[name] = value;
  }
  return kept;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function replayedBody(x: RecordedExchange): Record<string, unknown> {
  if (x.body.length === 0) return {};
  const type = x.headers['content-type'];
  const json = JSON_TYPE.test(typeof type === 'string' ? type : '') ? parseJson(x.body) : undefined;
  if (json) return { body: json.value };
  try {
    return { text: strictUtf8.decode(x.body) };
  } catch {
    return { base64: toBase64(x.body) };
  }
}

function nameOf(x: RecordedExchange): string {
  const query = Object.entries(x.query)
    .flatMap(([k, values]) => values.map((v) => `${k}=${v}`))
    .join('&');
  const name = `Recorded ${x.method.toUpperCase()} ${x.path}${query ? `?${query}` : ''}`;
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}

/**
 * Turns an exchange into a disabled stub: the request's method, exact path, query and (for JSON)
 * body as the predicate; the upstream's status, headers and body as a static response. Disabled,
 * because a user reviews recordings before they answer for the real service.
 */
export function recordedStub(x: RecordedExchange): RecordedStub {
  const request = requestPredicate(x);
  const response = {
    kind: 'static',
    status: x.status,
    headers: replayedHeaders(x.headers),
    ...replayedBody(x),
  };
  return { key: predicateKey(request), doc: { name: nameOf(x), enabled: false, request, response } };
}
