import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { UpstreamGuard, UpstreamRefusal } from '../../core/ports/index.js';
import {
  hostAllowed,
  judgeAddress,
  upstreamHostOf,
  type AddressRefusal,
  type AllowList,
  type UpstreamHost,
} from '../../core/proxy/upstream-policy.js';

/** Resolves a host name to all its addresses, in the resolver's order. */
export type HostLookup = (host: string) => Promise<string[]>;

const systemLookup: HostLookup = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** A save must not hang on a slow resolver; the connect-time check still applies. */
const SAVE_LOOKUP_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The connect-time refusal; the forwarder answers it with 502 UPSTREAM_FORBIDDEN. */
export class UpstreamRefusedError extends Error {
  readonly code = 'UPSTREAM_FORBIDDEN';
}

/**
 * The SSRF guard at the network edge: DNS happens here, the rules live in core/proxy. The same
 * rules run when an upstream is saved and again on the address each new connection goes to, so a
 * name that later resolves somewhere private (DNS rebinding) is still refused.
 */
export class AddressGuard implements UpstreamGuard {
  constructor(
    private readonly allow: AllowList,
    private readonly resolve: HostLookup = systemLookup,
  ) {}

  async assess(upstream: string): Promise<UpstreamRefusal | undefined> {
    const target = upstreamHostOf(new URL(upstream));
    if (hostAllowed(this.allow, target)) return undefined;
    let addresses: string[];
    try {
      addresses = await withTimeout(this.#addresses(target.host), SAVE_LOOKUP_TIMEOUT_MS);
    } catch {
      // Not resolvable (yet, or not quickly): the connect-time check judges what it resolves to then.
      return undefined;
    }
    const verdict = this.#firstAllowed(target, addresses);
    return typeof verdict === 'string' ? undefined : verdict;
  }

  /** The first address of `host` the proxy may connect to; throws UpstreamRefusedError if none. */
  async addressFor(host: string, port: number): Promise<string> {
    const target = { host: host.toLowerCase(), port };
    const verdict = this.#firstAllowed(target, await this.#addresses(target.host));
    if (typeof verdict === 'string') return verdict;
    throw new UpstreamRefusedError(verdict.message);
  }

  #addresses(host: string): Promise<string[]> {
    return isIP(host) ? Promise.resolve([host]) : this.resolve(host);
  }

  #firstAllowed(target: UpstreamHost, addresses: readonly string[]): string | AddressRefusal {
    let refusal: AddressRefusal | undefined;
    for (const address of addresses) {
      const judged = judgeAddress(this.allow, target, address);
      if (judged === undefined) return address;
      refusal ??= judged;
    }
    return refusal ?? { address: '', kind: 'reserved', message: `"${target.host}" resolves to no address` };
  }
}
