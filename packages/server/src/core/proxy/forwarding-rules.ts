// How a request is forwarded (DESIGN §5): the URL it goes to and the headers it carries each way.

/** Header maps as Node and undici hand them over: lower-case names, repeated headers as arrays. */
export type HeaderMap = Record<string, string | string[] | undefined>;

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1), so a proxy never passes
 * them on. `expect` is answered by Node itself (100 Continue) before the body is read, and undici
 * refuses to send it; `http2-settings` only makes sense on the hop that negotiated it.
 */
const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'http2-settings',
]);

/** What a forwarded request says about the client and what of Understudy's own it must not carry. */
export interface RequestForwarding {
  /** The peer address of the client's connection. */
  readonly clientAddress: string | undefined;
  readonly proto: string;
  /** The Host the client sent (undefined when it sent none). */
  readonly host: string | undefined;
  /** Send the client's Host upstream instead of the upstream's own. */
  readonly keepHost: boolean;
  /** Name of Understudy's session cookie; it is removed from the Cookie header. */
  readonly sessionCookie: string;
  /** Prefix of Understudy's API tokens; `Authorization: Bearer <prefix>…` is removed. */
  readonly tokenPrefix: string;
}

function connectionListed(connection: string | string[] | undefined): string[] | undefined {
  return connection === undefined
    ? undefined
    : String(connection)
        .toLowerCase()
        .split(/\s*,\s*/);
}

/** Whether a header describes the connection: hop-by-hop, or named by the Connection header. */
function isHopByHop(name: string, listed: readonly string[] | undefined): boolean {
  return HOP_BY_HOP.has(name) || (listed !== undefined && listed.includes(name));
}

/** Removes, in place, the hop-by-hop headers and any header the Connection header names. */
function dropHopByHop(headers: HeaderMap): void {
  const listed = connectionListed(headers.connection);
  // Only delete what is there: deleting properties is what makes an object slow to use afterwards.
  for (const name in headers) if (isHopByHop(name, listed)) delete headers[name];
}

/** A copy without the hop-by-hop headers (one pass, no deletes). */
export function withoutHopByHop(headers: HeaderMap): HeaderMap {
  const listed = connectionListed(headers.connection);
  const kept: HeaderMap = {};
  for (const name in headers) if (!isHopByHop(name, listed)) kept[name] = headers[name];
  return kept;
}

/** The Cookie header without `name`; undefined when nothing else is left. */
export function withoutCookie(header: string, name: string): string | undefined {
  if (!header.includes(name)) return header;
  const kept = header.split(';').filter((pair) => pair.split('=', 1)[0]?.trim() !== name);
  const joined = kept.map((pair) => pair.trim()).join('; ');
  return joined === '' ? undefined : joined;
}

function isOurToken(authorization: string, prefix: string): boolean {
  return /^bearer\s/i.test(authorization) && authorization.slice(7).trimStart().startsWith(prefix);
}

/**
 * Rewrites, in place, the headers of a request about to go upstream: connection headers dropped,
 * Understudy's own credentials removed (only ours: a client's other cookies and tokens are the
 * upstream's business), X-Forwarded-For/Proto/Host added, Host the upstream's unless kept.
 */
export function prepareRequestHeaders(headers: HeaderMap, forwarding: RequestForwarding): HeaderMap {
  dropHopByHop(headers);
  const { cookie, authorization } = headers;
  if (typeof cookie === 'string') {
    const rest = withoutCookie(cookie, forwarding.sessionCookie);
    if (rest === undefined) delete headers.cookie;
    else headers.cookie = rest;
  }
  if (typeof authorization === 'string' && isOurToken(authorization, forwarding.tokenPrefix)) {
    delete headers.authorization;
  }
  const client = forwarding.clientAddress;
  if (client !== undefined) {
    const previous = headers['x-forwarded-for'];
    headers['x-forwarded-for'] = previous ? `${String(previous)}, ${client}` : client;
  }
  headers['x-forwarded-proto'] = forwarding.proto;
  if (forwarding.host !== undefined) {
    headers['x-forwarded-host'] = forwarding.host;
    if (forwarding.keepHost) headers.host = forwarding.host;
  }
  return headers;
}

function setsCookie(line: string, name: string): boolean {
  return line.slice(0, line.indexOf('=')).trim() === name;
}

/**
 * The upstream's response headers as the client gets them: connection headers dropped, any attempt
 * to set Understudy's session cookie removed (it would sign the browser in or out of Understudy),
 * and the edge's own headers (the CSP sandbox on the main port) added.
 */
export function prepareResponseHeaders(
  upstream: HeaderMap,
  sessionCookie: string,
  extra: Readonly<Record<string, string>>,
): HeaderMap {
  const headers = withoutHopByHop(upstream);
  const setCookie = headers['set-cookie'];
  if (setCookie !== undefined) {
    const lines = (Array.isArray(setCookie) ? setCookie : [setCookie]).filter(
      (line) => !setsCookie(line, sessionCookie),
    );
    if (lines.length === 0) delete headers['set-cookie'];
    else headers['set-cookie'] = lines;
  }
  for (const name in extra) headers[name] = extra[name];
  return headers;
}

/** Replace a leading path prefix, e.g. from /v1 to /api/v1: the stub-level `pathRewrite`. */
export interface PathRewrite {
  readonly from: string;
  readonly to: string;
}

/**
 * Applies `rewrite` when `path` starts with its `from` on a segment boundary (/v1 rewrites /v1 and
 * /v1/x but not /v10); otherwise the path is forwarded unchanged.
 */
export function rewritePath(path: string, rewrite: PathRewrite | null): string {
  if (rewrite === null) return path;
  const { from, to } = rewrite;
  const boundary = from.endsWith('/') || path.length === from.length || path[from.length] === '/';
  if (!path.startsWith(from) || !boundary) return path;
  const rest = path.slice(from.length);
  if (to.endsWith('/') && rest.startsWith('/')) return `${to}${rest.slice(1)}`;
  if (!to.endsWith('/') && rest !== '' && !rest.startsWith('/')) return `${to}/${rest}`;
  return `${to}${rest}`;
}

/**
 * The URL a request goes to: the upstream base (which may carry a path, e.g. https://host/api) with
 * the service-relative path appended and the client's query string kept verbatim. A query on the
 * base comes first.
 */
export function upstreamUrl(upstream: string, path: string, search: string): string {
  const q = upstream.indexOf('?');
  const base = q < 0 ? upstream : upstream.slice(0, q);
  const baseQuery = q < 0 ? '' : upstream.slice(q + 1);
  const trimmed = base.endsWith('/') ? base.slice(0, -1) : base;
  const query = baseQuery && search ? `${baseQuery}&${search}` : baseQuery || search;
  return query === '' ? `${trimmed}${path}` : `${trimmed}${path}?${query}`;
}

/** The raw query string of a request URL, without the `?`. */
export function searchOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? '' : url.slice(q + 1);
}
