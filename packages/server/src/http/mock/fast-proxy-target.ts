import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { upstreamUrl } from '../../core/proxy/forwarding-rules.js';
import { proxySettingsOf, type ProxySettings } from '../../core/proxy/proxy-settings.js';
import type { LiveService } from '../../services/mock-registry.js';
import { RECORD_LIMIT_BYTES, type ProxyDecision } from './proxy-exchange.js';

/** One upstream URL taken apart once, so a request only concatenates strings. */
export interface UpstreamTarget {
  /** scheme://host[:port]: what the undici Agent keys its keep-alive pools by. */
  readonly origin: string;
  /** The upstream's own path and query (e.g. "/api"), which every forwarded path goes under. */
  readonly base: string;
  /** The Host header the upstream expects (the port only when it is not the scheme's default). */
  readonly host: string;
}

export function upstreamTarget(upstream: string): UpstreamTarget {
  const url = new URL(upstream);
  return { origin: url.origin, base: `${url.pathname}${url.search}`, host: url.host };
}

/** The request target sent upstream: the upstream's base path, the service path, the query kept verbatim. */
export function targetPath(target: UpstreamTarget, path: string, search: string): string {
  return upstreamUrl(target.base, path, search);
}

/**
 * Why `path` cannot be forwarded, or undefined: a `..` segment (even percent-encoded) would climb
 * out of the upstream's base path, and a broken %-escape cannot be judged (reply-from refuses both).
 */
export function unforwardablePath(path: string): string | undefined {
  if (!path.includes('%') && !path.includes('..')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return 'the path has a broken %-escape';
  }
  return decoded.split(/[/\\]/).includes('..') ? 'the path climbs up with ".."' : undefined;
}

/** The scheme the client used, as Fastify's `request.protocol` reads it. */
export function protocolOf(req: IncomingMessage, trustProxy: boolean): string {
  const header = trustProxy ? req.headers['x-forwarded-proto'] : undefined;
  const forwarded = Array.isArray(header) ? header.join(',') : header;
  if (forwarded) {
    const comma = forwarded.lastIndexOf(',');
    return (comma < 0 ? forwarded : forwarded.slice(comma + 1)).trim();
  }
  return (req.socket as TLSSocket).encrypted ? 'https' : 'http';
}

/** How one forwarded call is made: the decision, where it goes, what its taps keep. */
export interface Forwarding {
  readonly decision: ProxyDecision;
  readonly target: UpstreamTarget;
  /** Whether the exchange may become a recorded stub (only calls no stub chose to forward). */
  readonly recording: boolean;
  /** Bytes each body tap keeps: the journal's cap, or the recorder's limit, plus one. */
  readonly keepBytes: number;
}

/**
 * Everything about a service the forwarding path needs, worked out once per version of it: the
 * registry replaces a service's LiveService on every change, so a plan keyed by it never goes stale.
 */
export class ServicePlan {
  readonly settings: ProxySettings;
  readonly cap: number;
  /** Set in proxy mode: every call is forwarded the same way, with no matching at all. */
  readonly forwardAll: Forwarding | undefined;
  readonly #byStub = new WeakMap<object, Forwarding>();
  #unmatched: Forwarding | undefined;
  readonly #records: boolean;

  constructor(readonly live: LiveService) {
    const { record } = live;
    this.settings = proxySettingsOf(record);
    this.cap = record.journal.bodyCapBytes;
    this.#records = this.settings.record && record.mode !== 'mock';
    this.forwardAll =
      record.mode === 'proxy' && record.upstream
        ? this.forwarding({ kind: 'proxy', upstream: record.upstream, stub: null, pathRewrite: null })
        : undefined;
  }

  /**
   * How to forward a decision `decide()` made for this service: the same for every call no stub
   * matched (the service's upstream), and per proxy stub (its upstream and path rewrite).
   */
  forwarding(decision: ProxyDecision): Forwarding {
    const { stub } = decision;
    if (stub === null) return (this.#unmatched ??= this.#plan(decision));
    let how = this.#byStub.get(stub);
    if (how === undefined) this.#byStub.set(stub, (how = this.#plan(decision)));
    return how;
  }

  #plan(decision: ProxyDecision): Forwarding {
    const recording = this.#records && decision.stub === null;
    const keepBytes = Math.max(this.cap, recording ? RECORD_LIMIT_BYTES : 0) + 1;
    return { decision, target: upstreamTarget(decision.upstream), recording, keepBytes };
  }
}

const plans = new WeakMap<LiveService, ServicePlan>();

export function planOf(live: LiveService): ServicePlan {
  let plan = plans.get(live);
  if (plan === undefined) plans.set(live, (plan = new ServicePlan(live)));
  return plan;
}
