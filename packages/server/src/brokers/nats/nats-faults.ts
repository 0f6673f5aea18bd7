import { JetStreamApiError } from '@nats-io/jetstream';
import {
  BrokerRejectedError,
  BrokerUnavailableError,
  type BrokerFault,
} from '../../core/ports/broker-client.js';
import { isAdapterError, type AdapterError } from '../adapter-errors.js';
import { toFault } from '../status-tracker.js';

/** Faults a retry will not cure: credentials, permissions, a missing stream or declaration. */
const NEEDS_HUMAN = new Set([
  'AUTHORIZATION_VIOLATION',
  'AUTHENTICATION_EXPIRED',
  'PERMISSIONS_VIOLATION',
  'ENOTFOUND',
  'NO_STREAM',
  'NOT_DECLARED',
  'CONSUMER_CONFLICT',
  'INVALID_URL',
]);

/** nats.js error classes carry no code; their names (and a socket cause's code) say what happened. */
const CODE_BY_NAME: Record<string, string> = {
  AuthorizationError: 'AUTHORIZATION_VIOLATION',
  UserAuthenticationExpiredError: 'AUTHENTICATION_EXPIRED',
  PermissionViolationError: 'PERMISSIONS_VIOLATION',
  ClosedConnectionError: 'CONNECTION_CLOSED',
  DrainingConnectionError: 'CONNECTION_CLOSED',
  TimeoutError: 'TIMEOUT',
  NoRespondersError: 'NO_RESPONDERS',
  JetStreamNotEnabled: 'NO_RESPONDERS',
  InvalidSubjectError: 'INVALID_SUBJECT',
  InvalidArgumentError: 'INVALID_ARGUMENT',
  InvalidNameError: 'INVALID_NAME',
};

export function faultOf(err: unknown): BrokerFault {
  const fault = toFault(err);
  if (!(err instanceof Error)) return fault;
  const cause = err.cause instanceof Error ? toFault(err.cause) : undefined;
  if (err.name === 'ConnectionError' && cause && cause.code !== 'UNKNOWN') {
    return { ...fault, code: cause.code, message: cause.message };
  }
  if (err instanceof JetStreamApiError) return { ...fault, code: `JS_${err.code}` };
  return { ...fault, code: CODE_BY_NAME[err.name] ?? fault.code };
}

export function needsHuman(fault: BrokerFault): boolean {
  return NEEDS_HUMAN.has(fault.code);
}

/**
 * JetStream API refusals that mean "the broker said no to this request", with the HTTP status to use;
 * names already in use (10013 consumer, 10058 stream, 10148 consumer exists) and a second reader of a
 * work-queue stream (10099, 10100) are conflicts.
 */
function apiRejection(err: JetStreamApiError): 400 | 403 | 404 | 409 | undefined {
  if (err.status === 404) return 404;
  if (err.status === 400) return [10013, 10058, 10099, 10100, 10148].includes(err.code) ? 409 : 400;
  if (err.status === 403) return 403;
  if (err.status === 409) return 409;
  return undefined;
}

/** Maps whatever nats.js threw for `action` to the error the edge reports. */
export function toBrokerError(err: unknown, action: string): AdapterError {
  if (isAdapterError(err)) return err;
  const fault = faultOf(err);
  const message = `${action}: ${fault.message}`;
  if (err instanceof JetStreamApiError) {
    const status = apiRejection(err);
    if (status !== undefined) return new BrokerRejectedError(message, fault.code, status);
  }
  if (fault.code === 'PERMISSIONS_VIOLATION') return new BrokerRejectedError(message, fault.code, 403);
  if (['INVALID_SUBJECT', 'INVALID_ARGUMENT', 'INVALID_NAME'].includes(fault.code)) {
    return new BrokerRejectedError(message, fault.code, 400);
  }
  return new BrokerUnavailableError(message, fault.code);
}
