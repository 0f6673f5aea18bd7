/**
 * A protocol-agnostic view of one mock request (STYLE rule 1): the HTTP edge builds it with
 * `createSnapshot`, matching and handlers read it. Body views are decoded on first use and memoized,
 * so a stub that only looks at the path never pays for parsing the body.
 */
export interface RequestSnapshot {
  /** Upper-case, e.g. "POST". */
  readonly method: string;
  /** The URL path as received (still percent-encoded), without the query string or service prefix. */
  readonly path: string;
  /** Query parameters; a repeated parameter keeps every value in order. */
  readonly query: Readonly<Record<string, readonly string[]>>;
  /** Header names in lower case; repeated headers joined the way Node joins them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly cookies: Readonly<Record<string, string>>;
  /** The raw body bytes (empty when there is no body). */
  readonly body: Uint8Array;
  /** The body decoded as UTF-8 (invalid bytes become U+FFFD). */
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  readonly json: unknown;
  /** Form fields when the body is application/x-www-form-urlencoded (or has no content-type). */
  readonly form: Readonly<Record<string, readonly string[]>> | undefined;
}

/** Where lazily read headers come from: Node's IncomingMessage fits, and builds them on first read. */
export interface HeaderSource {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

export interface SnapshotInit {
  readonly method: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, readonly string[]>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly cookies?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
  /** The raw query string, parsed on first read of `query` (when `query` is not given). */
  readonly search?: string;
  /**
   * Headers read on first use of `headers` or `cookies` (when `headers` is not given): a stub that
   * looks only at the method and path never pays for copying them or parsing cookies.
   */
  readonly headerSource?: HeaderSource;
}

const EMPTY_BYTES = new Uint8Array(0);
const EMPTY_RECORD: Readonly<Record<string, never>> = Object.freeze(
  Object.create(null) as Record<string, never>,
);
const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();
const UNPARSED = Symbol('unparsed');

class LazyRequestSnapshot implements RequestSnapshot {
  readonly method: string;
  readonly path: string;
  readonly body: Uint8Array;
  #query: Readonly<Record<string, readonly string[]>> | undefined;
  #headers: Readonly<Record<string, string>> | undefined;
  #cookies: Readonly<Record<string, string>> | undefined;
  readonly #search: string;
  #headerSource: HeaderSource | undefined;
  #text: string | undefined;
  #json: unknown = UNPARSED;
  #form: Readonly<Record<string, readonly string[]>> | undefined | typeof UNPARSED = UNPARSED;

  constructor(init: SnapshotInit) {
    this.method = init.method.toUpperCase();
    this.path = init.path;
    this.#query = init.query;
    this.#search = init.search ?? '';
    this.#headers = init.headers;
    this.#headerSource = init.headers === undefined ? init.headerSource : undefined;
    // Cookies come from the header source when there is one; given headers never imply cookies.
    this.#cookies = init.cookies ?? (this.#headerSource === undefined ? EMPTY_RECORD : undefined);
    const body = init.body ?? EMPTY_BYTES;
    this.body = typeof body === 'string' ? utf8Encoder.encode(body) : body;
  }

  get query(): Readonly<Record<string, readonly string[]>> {
    this.#query ??= this.#search === '' ? EMPTY_RECORD : parseQuery(this.#search);
    return this.#query;
  }

  get headers(): Readonly<Record<string, string>> {
    if (this.#headers === undefined) {
      this.#headers = this.#headerSource ? flattenHeaders(this.#headerSource.headers) : EMPTY_RECORD;
      this.#headerSource = undefined; // the request itself need not outlive its answer
    }
    return this.#headers;
  }

  get cookies(): Readonly<Record<string, string>> {
    this.#cookies ??= parseCookies(ownValue(this.headers, 'cookie'));
    return this.#cookies;
  }

  get text(): string {
    this.#text ??= this.body.length === 0 ? '' : utf8Decoder.decode(this.body);
    return this.#text;
  }

  get json(): unknown {
    if (this.#json === UNPARSED) this.#json = parseJsonOrUndefined(this.text);
    return this.#json;
  }

  get form(): Readonly<Record<string, readonly string[]>> | undefined {
    if (this.#form === UNPARSED) this.#form = isFormBody(this.headers) ? parseForm(this.text) : undefined;
    return this.#form;
  }
}

/** Builds the snapshot the matcher reads; the edge calls this once per mock request. */
export function createSnapshot(init: SnapshotInit): RequestSnapshot {
  return new LazyRequestSnapshot(init);
}

/** Reads a field of a request record without ever reaching inherited keys like "constructor". */
export function ownValue<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** Query parameters of a raw query string; a repeated parameter keeps every value in order. */
export function parseQuery(search: string): Record<string, string[]> {
  const query = Object.create(null) as Record<string, string[]>;
  if (search === '') return query;
  for (const [name, value] of new URLSearchParams(search)) (query[name] ??= []).push(value);
  return query;
}

/**
 * Header values as strings: a header Node keeps as a list (set-cookie) is joined. Headers that are
 * all strings already (nearly every request) are used as they are, without a copy.
 */
export function flattenHeaders(
  raw: Readonly<Record<string, string | readonly string[] | undefined>>,
): Readonly<Record<string, string>> {
  let flat = true;
  for (const name in raw) {
    if (typeof raw[name] !== 'string') {
      flat = false;
      break;
    }
  }
  if (flat) return raw as Readonly<Record<string, string>>;
  const headers = Object.create(null) as Record<string, string>;
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) headers[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return headers;
}

/** The cookies of a Cookie header, percent-decoded where the encoding is valid. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies = Object.create(null) as Record<string, string>;
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

function parseJsonOrUndefined(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Mock traffic is not admin input: a body that is not JSON is still served, and JSON predicates
    // simply do not match it (issue 3), so "not JSON" is an answer here, not an error.
    return undefined;
  }
}

function isFormBody(headers: Readonly<Record<string, string>>): boolean {
  const contentType = ownValue(headers, 'content-type');
  return contentType === undefined || contentType.toLowerCase().includes('application/x-www-form-urlencoded');
}

function parseForm(text: string): Readonly<Record<string, readonly string[]>> {
  const fields: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [name, value] of new URLSearchParams(text)) {
    const values = fields[name];
    if (values === undefined) fields[name] = [value];
    else values.push(value);
  }
  return fields;
}
