import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

/** Everything the server is told from outside, parsed and checked once, then frozen. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly mockPort: number;
  /** `sqlite:<path>` (or `sqlite::memory:`) or `postgres://…`. */
  readonly db: string;
  readonly registration: 'open' | 'closed';
  readonly sessionTtlMs: number;
  readonly loginRateLimit: { readonly max: number; readonly windowMs: number };
  readonly bodyLimitBytes: number;
  /** The built web app (packages/web/dist). */
  readonly webRoot: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Set the Secure flag on the session cookie (serve over HTTPS or behind a TLS proxy). */
  readonly secureCookies: boolean;
  readonly trustProxy: boolean;
  readonly pythonSandbox: 'on' | 'off';
  /** Python workers run as uids from this one up (64 of them); keep the range free of real accounts. */
  readonly pythonUidBase: number;
  /** Upstream hosts, host:port pairs or CIDRs the proxy may reach although they are private. */
  readonly proxyAllow: readonly string[];
  /** Encrypts broker passwords at rest (32 bytes, hex or base64); null: a generated secret.key file. */
  readonly secretKey: string | null;
  /** Queue mock message bodies are kept up to this size; longer ones are cut and flagged. */
  readonly queueBodyLimitBytes: number;
  /**
   * This node's identity on the brokers, in its per-node consumer names (MQTT sessions, Redis
   * consumers), so a restarted node finds its own unacked messages again and nodes sharing a database
   * never take each other's. null: a random one per run (port 0, tests).
   */
  readonly nodeId: string | null;
}

export class ConfigError extends Error {}

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export const DEFAULTS: Config = {
  host: '127.0.0.1',
  port: 8080,
  mockPort: 8081,
  db: 'sqlite:./data/understudy.db',
  registration: 'open',
  sessionTtlMs: 7 * 24 * 3600_000,
  loginRateLimit: { max: 10, windowMs: 60_000 },
  bodyLimitBytes: 10 * 1024 * 1024,
  webRoot: DEFAULT_WEB_ROOT,
  logLevel: 'info',
  secureCookies: false,
  trustProxy: false,
  pythonSandbox: 'on',
  pythonUidBase: 61_000,
  proxyAllow: [],
  secretKey: null,
  queueBodyLimitBytes: 10 * 1024 * 1024,
  nodeId: null,
};

/** Flag name → environment variable; a flag wins over the environment, which wins over the default. */
const OPTIONS = {
  host: 'UNDERSTUDY_HOST',
  port: 'UNDERSTUDY_PORT',
  'mock-port': 'UNDERSTUDY_MOCK_PORT',
  db: 'UNDERSTUDY_DB',
  registration: 'UNDERSTUDY_REGISTRATION',
  'session-ttl-hours': 'UNDERSTUDY_SESSION_TTL_HOURS',
  'body-limit-mb': 'UNDERSTUDY_BODY_LIMIT_MB',
  'web-root': 'UNDERSTUDY_WEB_ROOT',
  'log-level': 'UNDERSTUDY_LOG_LEVEL',
  'secure-cookies': 'UNDERSTUDY_SECURE_COOKIES',
  'trust-proxy': 'UNDERSTUDY_TRUST_PROXY',
  'python-sandbox': 'UNDERSTUDY_PYTHON_SANDBOX',
  'python-uid-base': 'UNDERSTUDY_PYTHON_UID_BASE',
  'proxy-allow': 'UNDERSTUDY_PROXY_ALLOW',
  'secret-key': 'UNDERSTUDY_SECRET_KEY',
  'queue-body-limit-mb': 'UNDERSTUDY_QUEUE_BODY_LIMIT_MB',
  'node-id': 'UNDERSTUDY_NODE_ID',
} as const;
type OptionName = keyof typeof OPTIONS;

export const USAGE = `Usage: understudy [options]
  --host <addr>               address to bind (default 127.0.0.1)        UNDERSTUDY_HOST
  --port <n>                  main port: UI, admin API, /proxy (8080; 0 = any free port)  UNDERSTUDY_PORT
  --mock-port <n>             mock port for services claiming a host or path prefix (8081)  UNDERSTUDY_MOCK_PORT
  --db <url>                  sqlite:<file> (default sqlite:./data/understudy.db) or postgres://…  UNDERSTUDY_DB
  --registration open|closed  may anyone register? (default open; the first user is always allowed)
  --session-ttl-hours <n>     how long a sign-in lasts (default 168)
  --body-limit-mb <n>         largest accepted request body (default 10)
  --web-root <dir>            the built web app (default packages/web/dist)
  --log-level <level>         fatal|error|warn|info|debug|trace|silent (default info)
  --secure-cookies true|false mark the session cookie Secure (behind HTTPS)
  --trust-proxy true|false    trust X-Forwarded-* from a reverse proxy
  --python-sandbox on|off     off runs Python handlers WITHOUT isolation (trusted laptops only)
  --python-uid-base <n>       first of the 64 uids Python workers run as (default 61000)
  --proxy-allow <list>        comma-separated hosts, host:port or CIDRs the proxy may reach although private
  --secret-key <key>          32 bytes (64 hex digits or base64) encrypting broker passwords; default: a
                              generated secret.key beside the SQLite file (./data/ for PostgreSQL)
  --queue-body-limit-mb <n>   queue mock message bodies kept up to this size, longer ones cut (default 10)
  --node-id <id>              this node's name in broker consumer names, 1-64 of A-Z a-z 0-9 _ -; keep it
                              across restarts, unique per node (default: a hash of hostname and --port;
                              random per run with --port 0)  UNDERSTUDY_NODE_ID
  --help                      show this text`;

function pick(values: Record<string, string | undefined>, env: NodeJS.ProcessEnv, name: OptionName) {
  return values[name] ?? env[OPTIONS[name]];
}

function integer(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

function oneOf<T extends string>(
  raw: string | undefined,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(`--${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
}

function bool(raw: string | undefined, name: string, fallback: boolean): boolean {
  return oneOf(raw, name, ['true', 'false'] as const, fallback ? 'true' : 'false') === 'true';
}

function secretKey(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  const text = raw.trim();
  const base64 = /^[A-Za-z0-9+/_-]{43}=?$/.test(text);
  if (/^[0-9a-fA-F]{64}$/.test(text) || (base64 && Buffer.from(text, 'base64').length === 32)) return text;
  // The value itself is a secret: never echo it.
  throw new ConfigError(
    '--secret-key must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -hex 32`)',
  );
}

function database(raw: string | undefined): string {
  const url = raw || DEFAULTS.db;
  if (url.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(url)) return url;
  throw new ConfigError(`--db must be sqlite:<file> or postgres://…, got "${url}"`);
}

/** Derived from what tells nodes apart on one database and stays put across restarts: host and port. */
export function defaultNodeId(machine: string, port: number): string | null {
  if (port === 0) return null; // a port picked per run says nothing stable about the node
  return createHash('sha256').update(`${machine}:${port}`).digest('hex').slice(0, 12);
}

function nodeId(raw: string | undefined, port: number): string | null {
  if (raw === undefined || raw === '') return defaultNodeId(hostname(), port);
  if (/^[A-Za-z0-9_-]{1,64}$/.test(raw)) return raw;
  throw new ConfigError(
    `--node-id must be 1 to 64 letters, digits, _ or - (it goes into broker client and consumer names), got "${raw}"`,
  );
}

/** Parses flags and environment once. Throws ConfigError with a message that says what to fix. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Readonly<Config> | 'help' {
  const options = Object.fromEntries(Object.keys(OPTIONS).map((k) => [k, { type: 'string' as const }]));
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean' } } }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) return 'help';
  const v = values as Record<string, string | undefined>;
  const get = (name: OptionName) => pick(v, env, name);
  const port = integer(get('port'), 'port', DEFAULTS.port, 0, 65535);
  return Object.freeze({
    host: get('host') || DEFAULTS.host,
    port,
    mockPort: integer(get('mock-port'), 'mock-port', DEFAULTS.mockPort, 0, 65535),
    db: database(get('db')),
    registration: oneOf(
      get('registration'),
      'registration',
      ['open', 'closed'] as const,
      DEFAULTS.registration,
    ),
    sessionTtlMs: integer(get('session-ttl-hours'), 'session-ttl-hours', 168, 1, 24 * 365) * 3600_000,
    loginRateLimit: DEFAULTS.loginRateLimit,
    bodyLimitBytes: integer(get('body-limit-mb'), 'body-limit-mb', 10, 1, 1024) * 1024 * 1024,
    webRoot: get('web-root') || DEFAULTS.webRoot,
    logLevel: oneOf(
      get('log-level'),
      'log-level',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      DEFAULTS.logLevel,
    ),
    secureCookies: bool(get('secure-cookies'), 'secure-cookies', DEFAULTS.secureCookies),
    trustProxy: bool(get('trust-proxy'), 'trust-proxy', DEFAULTS.trustProxy),
    pythonSandbox: oneOf(
      get('python-sandbox'),
      'python-sandbox',
      ['on', 'off'] as const,
      DEFAULTS.pythonSandbox,
    ),
    pythonUidBase: integer(
      get('python-uid-base'),
      'python-uid-base',
      DEFAULTS.pythonUidBase,
      1000,
      2 ** 31 - 64,
    ),
    proxyAllow: (get('proxy-allow') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    secretKey: secretKey(get('secret-key')),
    queueBodyLimitBytes:
      integer(get('queue-body-limit-mb'), 'queue-body-limit-mb', 10, 1, 1024) * 1024 * 1024,
    nodeId: nodeId(get('node-id'), port),
  });
}
