import type { Stub } from '@understudy/contracts';

// What a recorded stub will answer, in a line or two, for reviewing recordings before enabling them.
// Recorded predicates are simple (method, exact path, query, JSON body), but the user may have edited
// one, so anything else is counted rather than misdescribed.

const PREVIEW_CHARS = 160;

type Doc = Record<string, unknown>;

const isDoc = (value: unknown): value is Doc =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Shortens text to `max` characters, marking the cut. */
export function shorten(text: string, max = PREVIEW_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function pathOf(path: unknown): string {
  if (typeof path === 'string') return path;
  if (!isDoc(path)) return 'any path';
  if (typeof path.template === 'string') return path.template;
  if (typeof path.equals === 'string') return path.equals;
  return `(${Object.keys(path).join(', ')})`;
}

/** `name=value` pairs of equals-conditions on the query, in the order a URL would carry them. */
function queryPairs(request: Doc): { pairs: string[]; other: number } {
  const pairs: string[] = [];
  let other = 0;
  const add = (query: unknown) => {
    if (!isDoc(query)) return;
    for (const [name, condition] of Object.entries(query)) {
      if (isDoc(condition) && typeof condition.equals === 'string') pairs.push(`${name}=${condition.equals}`);
      else other++;
    }
  };
  add(request.query);
  // The recorder puts the second and later values of a repeated parameter in allOf.
  const allOf = Array.isArray(request.allOf) ? request.allOf : [];
  for (const part of allOf) {
    if (isDoc(part) && Object.keys(part).length === 1 && isDoc(part.query)) add(part.query);
    else other++;
  }
  return { pairs, other };
}

export interface RequestPreview {
  /** "GET /orders?page=2" */
  line: string;
  /** The JSON body the request must carry, shortened; null when the body is not a condition. */
  body: string | null;
  /** Conditions the line does not show (headers, cookies, other operators). */
  more: number;
}

export function previewRequest(stub: Pick<Stub, 'request'>): RequestPreview {
  const request = stub.request as Doc;
  const method = Array.isArray(request.method) ? request.method.join('|') : String(request.method ?? 'ANY');
  const { pairs, other } = queryPairs(request);
  const line = `${method} ${pathOf(request.path)}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
  const bodyCondition = request.body;
  const json = isDoc(bodyCondition) && 'equalsJson' in bodyCondition ? bodyCondition.equalsJson : undefined;
  const body =
    bodyCondition === undefined ? null : shorten(JSON.stringify(json !== undefined ? json : bodyCondition));
  const shown = new Set(['method', 'path', 'query', 'allOf', 'body']);
  const more = other + Object.keys(request).filter((key) => !shown.has(key)).length;
  return { line, body, more };
}

export interface ResponsePreview {
  status: number | null;
  /** "application/json", or what kind of answer it is when it is not a constant one. */
  type: string;
  /** The start of the body; null when there is none. */
  body: string | null;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!isDoc(headers)) return undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  return Array.isArray(value) ? String(value[0]) : typeof value === 'string' ? value : undefined;
}

function base64Bytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

export function previewResponse(stub: Pick<Stub, 'response'>): ResponsePreview {
  const response = stub.response;
  if (response.kind === 'python') return { status: null, type: 'Python handler', body: null };
  if (response.kind === 'proxy')
    return { status: null, type: `Forwarded to ${response.upstream ?? 'the upstream'}`, body: null };
  const status = response.status ?? 200;
  const declared = headerValue(response.headers, 'content-type');
  if (response.body !== undefined)
    return { status, type: declared ?? 'application/json', body: shorten(JSON.stringify(response.body)) };
  if (response.text !== undefined)
    return {
      status,
      type: declared ?? 'text/plain',
      body: response.text === '' ? null : shorten(response.text),
    };
  if (response.base64 !== undefined)
    return {
      status,
      type: declared ?? 'application/octet-stream',
      body: `${base64Bytes(response.base64)} bytes of binary`,
    };
  return { status, type: declared ?? 'no body', body: null };
}
