import { DomainError, type ErrorDetail } from '../errors.js';
import type { ServiceRecord } from '../ports/index.js';

/** How a service forwards to its upstream (stored inside the service document). */
export interface ProxySettings {
  /** The upstream must send its headers within this, and never pause longer than this mid-body. */
  readonly timeoutMs: number;
  /** Send the client's Host header upstream instead of the upstream's host. */
  readonly keepHost: boolean;
  /** In proxy or partial mode, turn each distinct upstream exchange into a disabled stub. */
  readonly record: boolean;
}

export const DEFAULT_PROXY: ProxySettings = Object.freeze({
  timeoutMs: 30_000,
  keepHost: false,
  record: false,
});

/** Services saved before the proxy existed have no settings: they get the defaults. */
export function proxySettingsOf(record: Pick<ServiceRecord, 'proxy'>): ProxySettings {
  return record.proxy ?? DEFAULT_PROXY;
}

/** A service's upstream points where the SSRF guard does not let the proxy go (DESIGN §6). */
export class UpstreamForbiddenError extends DomainError {
  readonly code = 'UPSTREAM_FORBIDDEN';
  readonly status = 400;
  constructor(message: string, details: ErrorDetail[]) {
    super(message, details);
  }
}

/**
 * A forwarded call that failed at the upstream: 502 when it could not be reached (or is refused by
 * the SSRF guard), 504 when it was too slow. The code is what clients and the UI switch on.
 */
export class UpstreamFailedError extends DomainError {
  constructor(
    readonly code: 'UPSTREAM_UNREACHABLE' | 'UPSTREAM_TIMEOUT' | 'UPSTREAM_FORBIDDEN',
    readonly status: 502 | 504,
    message: string,
  ) {
    super(message);
  }
}
