import { ValidationError } from '../errors.js';
import { BrokerRejectedError } from '../ports/broker-client.js';
import type { MapperError } from './mapper-io.js';

/**
 * Refusals about the message itself: publishing it again can never succeed, so it becomes a dead
 * letter. Everything else (no route because OUT was deleted, a missing exchange, access refused, an
 * unreachable broker, a nack, an unknown outcome) is about OUT, and the IN batch waits for it.
 */
const MESSAGE_REFUSALS = new Set(['CONTENT_TOO_LARGE', 'CODEC', 'INVALID_REQUEST']);

export function refusesMessage(error: unknown): boolean {
  if (error instanceof ValidationError) return true;
  return error instanceof BrokerRejectedError && MESSAGE_REFUSALS.has(error.brokerCode);
}

export function outRefusal(error: unknown): MapperError {
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'out-refused', message: `OUT refused the message: ${message}`, traceback: null };
}

/** The short reason shown in a bridge's status while it waits for OUT. */
export function outReason(error: unknown): string {
  const code =
    error instanceof BrokerRejectedError || (error as { brokerCode?: unknown })?.brokerCode !== undefined
      ? String((error as { brokerCode: unknown }).brokerCode)
      : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}
