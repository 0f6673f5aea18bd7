import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { createSnapshot, type RequestSnapshot } from '../../core/matching/request-snapshot.js';

const EMPTY = new Uint8Array(0);

function queryOf(search: string): Record<string, string[]> {
  const query: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  if (search === '') return query;
  for (const [name, value] of new URLSearchParams(search)) (query[name] ??= []).push(value);
  return query;
}

function headersOf(raw: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function cookiesOf(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!header) return cookies;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value; // a malformed escape is still a value a predicate may want to see
    }
  }
  return cookies;
}

/** The one place an HTTP request becomes the protocol-agnostic snapshot (STYLE rule 1). */
export function snapshotFrom(
  method: string,
  rawHeaders: IncomingHttpHeaders,
  body: Uint8Array,
  path: string,
  search: string,
): RequestSnapshot {
  const headers = headersOf(rawHeaders);
  return createSnapshot({
    method,
    path,
    query: queryOf(search),
    headers,
    cookies: cookiesOf(headers.cookie),
    body,
  });
}

export function toSnapshot(request: FastifyRequest, path: string, search: string): RequestSnapshot {
  const body = request.body instanceof Uint8Array ? request.body : EMPTY;
  return snapshotFrom(request.method, request.headers, body, path, search);
}

/** Splits a raw URL into its path after `prefixLength` characters and its query string. */
export function splitUrl(url: string, prefixLength: number): { path: string; search: string } {
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url.slice(prefixLength) : url.slice(prefixLength, q);
  return { path: rawPath === '' ? '/' : rawPath, search: q < 0 ? '' : url.slice(q + 1) };
}
