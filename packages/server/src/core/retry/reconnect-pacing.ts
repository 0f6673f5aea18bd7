import { expBackoff, type RetryBounds } from './backoff.js';

/**
 * When to try the next connection. The backoff starts over only after a connection that stayed up
 * for `stableAfterMs` (by default the slow end of the backoff): one that keeps being dropped soon
 * after it was made — a flapping network, or a broker that hands our client id to another client
 * (Mosquitto closes a taken-over MQTT session without saying so) — is retried ever more slowly instead
 * of at once, so two clients fighting over one session settle into rare retries, not a storm.
 */
export class ReconnectPacing {
  readonly #bounds: RetryBounds;
  readonly #stableAfterMs: number;
  readonly #now: () => number;
  #attempt = 0;
  #connectedAt: number | null = null;

  constructor(bounds: RetryBounds, options: { stableAfterMs?: number; now?: () => number } = {}) {
    this.#bounds = bounds;
    this.#stableAfterMs = options.stableAfterMs ?? bounds.retryHighMs;
    this.#now = options.now ?? Date.now;
  }

  connected(): void {
    this.#connectedAt = this.#now();
  }

  /** The wait before the next attempt, after a connection (or an attempt) ended; `slow`: a human must act. */
  nextDelay(slow = false): number {
    const upFor = this.#connectedAt === null ? 0 : this.#now() - this.#connectedAt;
    this.#connectedAt = null;
    if (upFor >= this.#stableAfterMs) this.#attempt = 0;
    if (slow) return this.#bounds.retryHighMs;
    return expBackoff(this.#bounds.retryLowMs, this.#bounds.retryHighMs, ++this.#attempt);
  }
}
