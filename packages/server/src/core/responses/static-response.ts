import type { ResponseFault } from '@understudy/contracts';
import {
  CompileProblems,
  checkKeys,
  isJsonValue,
  isPlainObject,
  pointerTo,
} from '../matching/compile-problems.js';

/** What the edge sends for a static stub: every byte computed when the stub was saved. */
export interface StaticResponsePlan {
  readonly kind: 'static';
  readonly status: number;
  /** As the stub wrote them, plus a default content-type when the stub set none. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  /** Shared by every request the stub answers: send it, never modify it. */
  readonly body: Uint8Array;
  readonly delayMs: number;
  readonly fault: ResponseFault | null;
}

export interface CompiledStaticResponse {
  readonly kind: 'static';
  /** The answer with the shortest delay; planStaticResponse only varies the delay. */
  readonly plan: StaticResponsePlan;
  readonly delay: { readonly min: number; readonly max: number };
}

/** Mirrors MAX_DELAY_MS in the contracts (core may import only types from there; a test ties them). */
export const MAX_DELAY_MS = 300_000;

const KEYS = ['kind', 'status', 'headers', 'body', 'text', 'base64', 'delayMs', 'fault'] as const;
const BODY_KEYS = ['body', 'text', 'base64'] as const;
const FAULTS: readonly ResponseFault[] = ['connection-reset', 'empty-response'];
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
// Node throws on these characters when the header is sent, so they must be refused when it is saved.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextEncoder();

/** Checks a `{ kind: 'static', … }` response and precomputes its bytes, so serving it does no work. */
export function compileStaticResponse(
  doc: Record<string, unknown>,
  pointer: string,
  problems: CompileProblems,
): CompiledStaticResponse | undefined {
  const before = problems.count;
  checkKeys(doc, KEYS, pointer, problems);
  const at = (key: string): string => pointerTo(pointer, key);
  const status = Object.hasOwn(doc, 'status') ? doc.status : 200;
  if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599) {
    problems.add(at('status'), 'must be an integer from 100 to 599');
  }
  const headers = Object.hasOwn(doc, 'headers') ? checkHeaders(doc.headers, at('headers'), problems) : {};
  const body = encodeBody(doc, pointer, problems);
  const delay = Object.hasOwn(doc, 'delayMs') ? checkDelay(doc.delayMs, at('delayMs'), problems) : NO_DELAY;
  const fault = Object.hasOwn(doc, 'fault') ? doc.fault : null;
  if (Object.hasOwn(doc, 'fault') && !FAULTS.includes(fault as ResponseFault)) {
    problems.add(at('fault'), `must be one of: ${FAULTS.join(', ')}`);
  }
  if (problems.count > before || headers === undefined || body === undefined || delay === undefined)
    return undefined;
  const plan: StaticResponsePlan = {
    kind: 'static',
    status: status as number,
    headers: withContentType(headers, body.contentType),
    body: body.bytes,
    delayMs: delay.min,
    fault: fault as ResponseFault | null,
  };
  return { kind: 'static', plan, delay };
}

const NO_DELAY = { min: 0, max: 0 };

interface EncodedBody {
  readonly bytes: Uint8Array;
  readonly contentType: string | null;
}

function encodeBody(
  doc: Record<string, unknown>,
  pointer: string,
  problems: CompileProblems,
): EncodedBody | undefined {
  const present = BODY_KEYS.filter((key) => Object.hasOwn(doc, key));
  if (present.length > 1) {
    problems.add(
      pointerTo(pointer, present[1] ?? ''),
      `only one of body, text, base64 may be given (found ${present.join(', ')})`,
    );
    return undefined;
  }
  const at = (key: string): string => pointerTo(pointer, key);
  if (Object.hasOwn(doc, 'body')) {
    if (isJsonValue(doc.body))
      return { bytes: utf8.encode(JSON.stringify(doc.body)), contentType: 'application/json' };
    problems.add(at('body'), 'must be a JSON value (not too deeply nested)');
  } else if (Object.hasOwn(doc, 'text')) {
    if (typeof doc.text === 'string')
      return { bytes: utf8.encode(doc.text), contentType: 'text/plain; charset=utf-8' };
    problems.add(at('text'), 'must be a string');
  } else if (Object.hasOwn(doc, 'base64')) {
    if (typeof doc.base64 === 'string' && BASE64.test(doc.base64)) {
      return { bytes: decodeBase64(doc.base64), contentType: 'application/octet-stream' };
    }
    problems.add(at('base64'), 'must be standard base64 (A–Z, a–z, 0–9, +, /, padded with =)');
  } else {
    return { bytes: new Uint8Array(0), contentType: null };
  }
  return undefined;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function checkHeaders(
  doc: unknown,
  pointer: string,
  problems: CompileProblems,
): Record<string, string | readonly string[]> | undefined {
  if (!isPlainObject(doc)) {
    problems.add(pointer, 'must be an object of header name → value');
    return undefined;
  }
  const before = problems.count;
  for (const name of Object.keys(doc)) {
    const at = pointerTo(pointer, name);
    if (!HEADER_NAME.test(name)) problems.add(at, 'is not a valid header name');
    const value = doc[name];
    const values: unknown[] = Array.isArray(value) ? value : [value];
    values.forEach((item, i) => {
      if (typeof item !== 'string' || !HEADER_VALUE.test(item)) {
        problems.add(Array.isArray(value) ? pointerTo(at, i) : at, 'must be text without control characters');
      }
    });
  }
  return problems.count > before ? undefined : (doc as Record<string, string | readonly string[]>);
}

function checkDelay(
  doc: unknown,
  pointer: string,
  problems: CompileProblems,
): { min: number; max: number } | undefined {
  const isDelay = (value: unknown): value is number =>
    Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_DELAY_MS;
  const rule = `must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}`;
  if (!isPlainObject(doc)) {
    if (isDelay(doc)) return { min: doc, max: doc };
    problems.add(pointer, `${rule}, or { "min", "max" }`);
    return undefined;
  }
  const before = problems.count;
  checkKeys(doc, ['min', 'max'], pointer, problems);
  if (!isDelay(doc.min)) problems.add(pointerTo(pointer, 'min'), rule);
  if (!isDelay(doc.max)) problems.add(pointerTo(pointer, 'max'), rule);
  else if (isDelay(doc.min) && doc.max < doc.min)
    problems.add(pointerTo(pointer, 'max'), 'must be at least min');
  return problems.count > before ? undefined : { min: doc.min as number, max: doc.max as number };
}

function withContentType(
  headers: Record<string, string | readonly string[]>,
  contentType: string | null,
): Readonly<Record<string, string | readonly string[]>> {
  const hasOwn = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (contentType === null || hasOwn) return Object.freeze({ ...headers });
  return Object.freeze({ ...headers, 'content-type': contentType });
}
