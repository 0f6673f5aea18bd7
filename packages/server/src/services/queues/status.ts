import { BrokerUnavailableError, type BrokerStatus } from '../../core/ports/index.js';
import { DomainError } from '../../core/errors.js';

/** A status for a consumer or connection that could not start: transient faults retry, others need a human. */
export function faultStatus(error: unknown): BrokerStatus {
  const at = new Date();
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof BrokerUnavailableError) {
    return { state: 'reconnecting', lastError: { code: error.brokerCode, message, at } };
  }
  const code =
    error instanceof DomainError ? ((error as { brokerCode?: string }).brokerCode ?? error.code) : 'ERROR';
  return { state: 'failed', lastError: { code, message, at } };
}
