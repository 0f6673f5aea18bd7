/** Messages mapped at once unless the bridge says otherwise; 1 keeps their order. */
export const DEFAULT_CONCURRENCY = 1;

/** A Python mapper call's wall-clock budget unless the bridge sets its own. */
export const DEFAULT_MAPPER_TIMEOUT_MS = 2_000;

/** Input → output pairs kept in memory per bridge for the UI; older ones are forgotten. */
export const HOPS_KEPT = 100;

/** Bodies of hops are cut beyond this, so the kept hops stay small whatever flows through. */
export const HOP_BODY_BYTES = 8 * 1024;

/** More OUT messages than this from one IN message is taken for a mapper bug, not a fan-out. */
export const MAX_FAN_OUT = 1_000;

/**
 * The IN prefetch: enough unacked messages that the next batch is already buffered while one is
 * mapped and published (batches are half of it), and at least 32 per concurrent mapper call.
 */
export function prefetchFor(concurrency: number): number {
  return Math.min(Math.max(64, concurrency * 32), 1_000);
}
