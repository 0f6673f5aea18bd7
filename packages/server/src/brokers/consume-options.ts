import type { BrokerKind, ConsumeOptions, DeclareOptions } from '../core/ports/broker-client.js';
import { ValidationError } from '../core/errors.js';

const DEFAULT_MAX_WAIT_MS = 5;

/**
 * Checks the port's consume options against a kind's own prefetch ceiling (MQTT's receive maximum and
 * AMQP's prefetch-count are 16-bit; JetStream and Redis take more) and fills in the defaults: half the
 * prefetch per batch, so the next batch fills while one is stored, and 5 ms to gather a batch.
 */
export function checkConsumeOptions(
  options: ConsumeOptions,
  maxPrefetch: number,
): Required<Omit<ConsumeOptions, 'reader'>> {
  const { prefetch } = options;
  if (!Number.isInteger(prefetch) || prefetch < 1 || prefetch > maxPrefetch) {
    throw invalidOption('/prefetch', `must be an integer from 1 to ${maxPrefetch}`);
  }
  const maxBatch = options.maxBatch ?? Math.max(1, Math.floor(prefetch / 2));
  if (!Number.isInteger(maxBatch) || maxBatch < 1 || maxBatch > prefetch) {
    throw invalidOption('/maxBatch', 'must be an integer from 1 to the prefetch');
  }
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  if (!Number.isFinite(maxWaitMs) || maxWaitMs < 0) throw invalidOption('/maxWaitMs', 'must be 0 or more');
  return { prefetch, maxBatch, maxWaitMs };
}

/** The consume's own declaration (`reader`), else the target's remembered one; of the client's kind. */
export function readerOf<K extends BrokerKind>(
  kind: K,
  options: ConsumeOptions,
  remembered: Extract<DeclareOptions, { kind: K }> | undefined,
): Extract<DeclareOptions, { kind: K }> | undefined {
  const reader = options.reader;
  if (reader === undefined) return remembered;
  if (reader.kind !== kind) throw invalidOption('/reader/kind', `expected ${kind}, got ${reader.kind}`);
  return reader as Extract<DeclareOptions, { kind: K }>;
}

/** A refused option or name, with the JSON pointer the edge reports. */
export function invalidOption(path: string, message: string): ValidationError {
  return new ValidationError(`invalid ${path.slice(1)}: ${message}`, [{ path, message }]);
}
