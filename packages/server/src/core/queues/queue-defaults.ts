import type { QueueRetentionSettings } from '../ports/queue-mock-store.js';

/** What a queue mock keeps unless told otherwise: a week, at most ten thousand messages. */
export const DEFAULT_RETENTION: QueueRetentionSettings = { maxMessages: 10_000, maxAgeHours: 168 };

/**
 * Unacked deliveries per queue mock. 500 keeps the consumer busy while a batch is committed (batches
 * are half the prefetch) and matches what a bare rabbitmq-client consumer needs for full speed here.
 */
export const DEFAULT_PREFETCH = 500;
