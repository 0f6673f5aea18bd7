import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import {
  createSnapshot,
  flattenHeaders,
  parseCookies,
  parseQuery,
  type RequestSnapshot,
} from '../../core/matching/request-snapshot.js';

const EMPTY = new Uint8Array(0);

/** The one place an HTTP request becomes the protocol-agnostic snapshot (STYLE rule 1). */
export function snapshotFrom(
  method: string,
  rawHeaders: IncomingHttpHeaders,
  body: Uint8Array,
  path: string,
  search: string,
): RequestSnapshot {
  const headers = flattenHeaders(rawHeaders);
  return createSnapshot({
    method,
    path,
    query: parseQuery(search),
    headers,
    cookies: parseCookies(headers.cookie),
    body,
  });
}

/**
 * The snapshot of a raw node:http request whose URL starts with `prefixLength` characters of service
 * prefix. Query, headers and cookies are read only when a predicate or the journal asks for them:
 * Node itself builds `req.headers` on first read.
 */
export function lazySnapshotOf(
  req: IncomingMessage,
  prefixLength: number,
  body: Uint8Array,
): RequestSnapshot {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? (prefixLength === 0 ? url : url.slice(prefixLength)) : url.slice(prefixLength, q);
  return createSnapshot({
    method: req.method ?? 'GET',
    path: rawPath === '' ? '/' : rawPath,
    search: q < 0 ? '' : url.slice(q + 1),
    headerSource: req,
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
