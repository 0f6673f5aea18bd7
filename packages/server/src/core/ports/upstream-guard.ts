/** Why the proxy may not be aimed at an upstream, in words that say how to allow it. */
export interface UpstreamRefusal {
  readonly message: string;
}

/**
 * The SSRF guard as the use cases see it (DESIGN §6): resolves an upstream URL's host and says
 * whether the proxy may go there. Used when an upstream is saved; the same rules apply again to the
 * resolved address at connect time.
 */
export interface UpstreamGuard {
  /** Undefined when allowed, or when the host does not resolve yet (connect time will judge it). */
  assess(upstream: string): Promise<UpstreamRefusal | undefined>;
}
