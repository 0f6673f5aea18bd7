import { inCidr, parseCidr, parseIp, type Cidr, type IpBytes } from './ip-address.js';

// The SSRF guard's rules (DESIGN §6), pure: which addresses are not public, what --proxy-allow
// allows, and the refusal that says how to allow an address. DNS happens at the edge.

/** Why an address is not a plain public one; `public` is the only class the proxy reaches by default. */
export type AddressClass = 'unspecified' | 'loopback' | 'link-local' | 'private' | 'reserved' | 'public';

// DESIGN §6: loopback, link-local (cloud metadata lives there), private and unspecified addresses
// reach the inside of the machine or its network, so the proxy must not be aimed at them by default.
const RANGES: readonly (readonly [string, AddressClass])[] = [
  ['0.0.0.0/8', 'unspecified'],
  ['::/128', 'unspecified'],
  ['127.0.0.0/8', 'loopback'],
  ['::1/128', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['fe80::/10', 'link-local'],
  ['10.0.0.0/8', 'private'],
  ['172.16.0.0/12', 'private'],
  ['192.168.0.0/16', 'private'],
  // Carrier-grade NAT space: inside someone's network just like the RFC 1918 ranges.
  ['100.64.0.0/10', 'private'],
  ['fc00::/7', 'private'],
  ['fec0::/10', 'private'],
  ['224.0.0.0/4', 'reserved'],
  ['240.0.0.0/4', 'reserved'],
  ['ff00::/8', 'reserved'],
];

const COMPILED: readonly (readonly [Cidr, AddressClass])[] = RANGES.map(([text, kind]) => {
  const cidr = parseCidr(text);
  if (!cidr) throw new Error(`bad built-in range ${text}`);
  return [cidr, kind] as const;
});

const METADATA = ['169.254.169.254', 'fd00:ec2::254'].map((text) => parseIp(text));

export function classifyAddress(ip: IpBytes): AddressClass {
  for (const [cidr, kind] of COMPILED) if (inCidr(ip, cidr)) return kind;
  return 'public';
}

/** The cloud metadata endpoints, named in refusals because they are the classic SSRF target. */
export function isMetadataAddress(ip: IpBytes): boolean {
  return METADATA.some((m) => m !== undefined && m.every((byte, i) => ip[i] === byte));
}

/** What `--proxy-allow` lets the proxy reach although it is not public. */
export interface AllowList {
  /** Lower-case host names and IP texts allowed on any port. */
  readonly hosts: ReadonlySet<string>;
  /** `host:port` pairs (IPv6 without brackets: `::1:8080` is written `[::1]:8080` by the user). */
  readonly hostPorts: ReadonlySet<string>;
  readonly ranges: readonly Cidr[];
  readonly rangePorts: readonly { readonly range: Cidr; readonly port: number }[];
}

/** Where an upstream URL points: its host as written (lower-case, no brackets) and its port. */
export interface UpstreamHost {
  readonly host: string;
  readonly port: number;
}

export interface AddressRefusal {
  readonly address: string;
  readonly kind: AddressClass;
  readonly message: string;
}

export const ALLOW_FLAG = '--proxy-allow';
export const ALLOW_ENV = 'UNDERSTUDY_PROXY_ALLOW';

export class AllowListError extends Error {}

const HOST_PORT = /^(\[[0-9a-f:.%]+\]|[^:[\]]+):([0-9]{1,5})$/i;

interface MutableAllowList {
  hosts: Set<string>;
  hostPorts: Set<string>;
  ranges: Cidr[];
  rangePorts: { range: Cidr; port: number }[];
}

function addEntry(entry: string, target: MutableAllowList): void {
  const withPort = HOST_PORT.exec(entry);
  if (withPort) {
    const host = unbracket(withPort[1] ?? '').toLowerCase();
    const port = Number(withPort[2]);
    if (port < 1 || port > 65535) throw new AllowListError(`${ALLOW_FLAG}: bad port in "${entry}"`);
    const ip = parseCidr(host);
    if (ip) target.rangePorts.push({ range: ip, port });
    else target.hostPorts.add(`${host}:${port}`);
    return;
  }
  const range = parseCidr(entry);
  if (range) {
    target.ranges.push(range);
    return;
  }
  if (entry.includes('/') || !/^[a-z0-9.-]+$/i.test(entry)) {
    throw new AllowListError(
      `${ALLOW_FLAG}: "${entry}" is not a host, host:port or CIDR (e.g. localhost, 127.0.0.1:8080, 10.0.0.0/8)`,
    );
  }
  target.hosts.add(entry.toLowerCase());
}

/** Parses the `--proxy-allow` entries once at start; a bad entry stops the server with a clear message. */
export function parseAllowList(entries: readonly string[]): AllowList {
  const parts: MutableAllowList = { hosts: new Set(), hostPorts: new Set(), ranges: [], rangePorts: [] };
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry !== '') addEntry(entry, parts);
  }
  return parts;
}

export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Whether the upstream's host name itself is allow-listed (then every address it resolves to is fine). */
export function hostAllowed(allow: AllowList, target: UpstreamHost): boolean {
  return allow.hosts.has(target.host) || allow.hostPorts.has(`${target.host}:${target.port}`);
}

function addressAllowed(allow: AllowList, ip: IpBytes, port: number): boolean {
  return (
    allow.ranges.some((range) => inCidr(ip, range)) ||
    allow.rangePorts.some((entry) => entry.port === port && inCidr(ip, entry.range))
  );
}

/**
 * Judges one resolved address of an upstream: undefined when the proxy may connect to it, else a
 * refusal whose message says which flag would allow it. Unparsable text is refused, never assumed safe.
 */
export function judgeAddress(
  allow: AllowList,
  target: UpstreamHost,
  address: string,
): AddressRefusal | undefined {
  if (hostAllowed(allow, target)) return undefined;
  const ip = parseIp(address);
  const kind = ip ? classifyAddress(ip) : 'reserved';
  if (ip && (kind === 'public' || addressAllowed(allow, ip, target.port))) return undefined;
  const what =
    ip && isMetadataAddress(ip) ? `${kind} address (the cloud metadata service)` : `${kind} address`;
  const subject = target.host === address ? address : `"${target.host}" resolves to ${address}, which`;
  const suggestion = parseIp(target.host) ? address : target.host;
  return {
    address,
    kind,
    message:
      `${subject} is a ${what} that the proxy refuses by default (SSRF guard); ` +
      `to allow it, start the server with ${ALLOW_FLAG}=${suggestion} (or ${ALLOW_ENV}=${suggestion})`,
  };
}

/** The host and port of an upstream URL; the port defaults to the scheme's. */
export function upstreamHostOf(url: URL): UpstreamHost {
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return { host: unbracket(url.hostname).toLowerCase(), port };
}
