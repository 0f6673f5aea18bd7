/**
 * IP addresses and CIDR ranges as 16 bytes. IPv4 is held as its IPv4-mapped IPv6 form
 * (::ffff:a.b.c.d), so one range table covers both families and a mapped address such as
 * ::ffff:127.0.0.1 is judged exactly like 127.0.0.1.
 */
export type IpBytes = Uint8Array;

export interface Cidr {
  readonly base: IpBytes;
  /** Prefix length in the 128-bit space (an IPv4 /8 is 104 here). */
  readonly bits: number;
}

const V4_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];
const V4_OFFSET_BITS = 96;

/** Parses dotted-quad IPv4 strictly: four decimal parts 0–255, no leading zeros (no octal surprises). */
export function parseIpv4(text: string): IpBytes | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(16);
  bytes.set(V4_PREFIX);
  for (const [i, part] of parts.entries()) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return undefined;
    bytes[12 + i] = Number(part);
  }
  return bytes;
}

function hexGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  for (const group of text.split(':')) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    groups.push(parseInt(group, 16));
  }
  return groups;
}

/** Splits off a trailing dotted IPv4 part (::ffff:1.2.3.4) as two more 16-bit groups. */
function withEmbeddedV4(text: string): string | undefined {
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (!tail.includes('.')) return text;
  const v4 = parseIpv4(tail);
  if (!v4) return undefined;
  const high = ((v4[12] ?? 0) << 8) | (v4[13] ?? 0);
  const low = ((v4[14] ?? 0) << 8) | (v4[15] ?? 0);
  return `${text.slice(0, lastColon + 1)}${high.toString(16)}:${low.toString(16)}`;
}

/** Parses IPv6 text (with ::, an embedded IPv4 tail, and an optional %zone, which is ignored). */
export function parseIpv6(text: string): IpBytes | undefined {
  const unzoned = withEmbeddedV4(text.split('%')[0] ?? '');
  if (unzoned === undefined) return undefined;
  const halves = unzoned.split('::');
  if (halves.length > 2) return undefined;
  const head = hexGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? hexGroups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

/** Either family; IPv6 may be written in brackets as in a URL ([::1]). */
export function parseIp(text: string): IpBytes | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return bare.includes(':') ? parseIpv6(bare) : parseIpv4(bare);
}

export function isIpv4Mapped(ip: IpBytes): boolean {
  return V4_PREFIX.every((byte, i) => ip[i] === byte);
}

/** `10.0.0.0/8`, `fc00::/7`, or a single address (a /32 or /128). */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!ip) return undefined;
  const v4 = !text.slice(0, slash < 0 ? undefined : slash).includes(':');
  const max = v4 ? 32 : 128;
  const rawBits = slash < 0 ? String(max) : text.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(rawBits) || Number(rawBits) > max) return undefined;
  return { base: ip, bits: Number(rawBits) + (v4 ? V4_OFFSET_BITS : 0) };
}

export function inCidr(ip: IpBytes, cidr: Cidr): boolean {
  const whole = cidr.bits >> 3;
  for (let i = 0; i < whole; i++) if (ip[i] !== cidr.base[i]) return false;
  const rest = cidr.bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((ip[whole] ?? 0) & mask) === ((cidr.base[whole] ?? 0) & mask);
}
