import type { RetrySettings } from '../ports/bridge-store.js';

/** Three mapper calls, half a second apart then a second: enough for a flaky dependency, quick to give up. */
export const DEFAULT_RETRY: Readonly<RetrySettings> = Object.freeze({ attempts: 3, backoffMs: 500 });

/** Never wait longer than this between two calls of the mapper on one message. */
const MAX_BACKOFF_MS = 60_000;

/** How long to wait after `failed` calls (1, 2, …) before the next: backoffMs, then doubling. */
export function retryDelayMs(policy: RetrySettings, failed: number): number {
  return Math.min(policy.backoffMs * 2 ** Math.max(0, failed - 1), MAX_BACKOFF_MS);
}

/** Whether a message that failed `failed` times gets another call. */
export function shouldRetry(policy: RetrySettings, failed: number): boolean {
  return failed < policy.attempts;
}
