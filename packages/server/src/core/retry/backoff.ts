/**
 * Jittered exponential backoff, the same curve rabbitmq-client uses for its own reconnects, so every
 * retry loop in the adapters (consumer setup, redelivery after a failed batch) behaves alike:
 * attempt 1 waits low..2·low, attempt 2 low..4·low, … never more than `highMs`.
 */
export function expBackoff(lowMs: number, highMs: number, attempt: number): number {
  const max = Math.min(lowMs * 2 ** Math.max(1, attempt), highMs);
  return Math.floor(lowMs + Math.random() * Math.max(0, max - lowMs));
}

/** Bounds for every retry loop of one broker client. */
export interface RetryBounds {
  /** First retry after about this long. */
  retryLowMs: number;
  /** Never wait longer than this between attempts. */
  retryHighMs: number;
}
