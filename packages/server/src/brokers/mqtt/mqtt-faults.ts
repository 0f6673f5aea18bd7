import { ErrorWithReasonCode } from 'mqtt';
import {
  BrokerRejectedError,
  BrokerUnavailableError,
  type BrokerFault,
} from '../../core/ports/broker-client.js';
import { isAdapterError, type AdapterError } from '../adapter-errors.js';
import { toFault } from '../status-tracker.js';

/** MQTT 5 reason codes (and the 3.1.1 CONNACK return codes) by name, so statuses carry a readable code. */
const REASON_NAMES: Record<number, string> = {
  1: 'UNACCEPTABLE_PROTOCOL_VERSION',
  2: 'IDENTIFIER_REJECTED',
  3: 'SERVER_UNAVAILABLE',
  4: 'BAD_USERNAME_OR_PASSWORD',
  5: 'NOT_AUTHORIZED',
  128: 'UNSPECIFIED_ERROR',
  131: 'IMPLEMENTATION_SPECIFIC_ERROR',
  132: 'UNSUPPORTED_PROTOCOL_VERSION',
  133: 'CLIENT_IDENTIFIER_NOT_VALID',
  134: 'BAD_USERNAME_OR_PASSWORD',
  135: 'NOT_AUTHORIZED',
  136: 'SERVER_UNAVAILABLE',
  137: 'SERVER_BUSY',
  138: 'BANNED',
  139: 'SERVER_SHUTTING_DOWN',
  140: 'BAD_AUTHENTICATION_METHOD',
  142: 'SESSION_TAKEN_OVER',
  143: 'TOPIC_FILTER_INVALID',
  144: 'TOPIC_NAME_INVALID',
  149: 'PACKET_TOO_LARGE',
  151: 'QUOTA_EXCEEDED',
  153: 'PAYLOAD_FORMAT_INVALID',
  154: 'RETAIN_NOT_SUPPORTED',
  155: 'QOS_NOT_SUPPORTED',
  158: 'SHARED_SUBSCRIPTIONS_NOT_SUPPORTED',
};

/**
 * Faults a retry will not cure: credentials, permissions, an id or filter the broker refuses, and a
 * session that another client keeps taking over (taking it straight back would only start a tug of war).
 */
const NEEDS_HUMAN = new Set([
  'SESSION_TAKEN_OVER',
  'BAD_USERNAME_OR_PASSWORD',
  'NOT_AUTHORIZED',
  'BANNED',
  'BAD_AUTHENTICATION_METHOD',
  'CLIENT_IDENTIFIER_NOT_VALID',
  'IDENTIFIER_REJECTED',
  'UNSUPPORTED_PROTOCOL_VERSION',
  'UNACCEPTABLE_PROTOCOL_VERSION',
  'TOPIC_FILTER_INVALID',
  'SHARED_SUBSCRIPTIONS_NOT_SUPPORTED',
  'ENOTFOUND',
  'INVALID_URL',
]);

/** What a refused PUBLISH means for the caller. */
const REJECTION_STATUS: Record<string, 400 | 403 | 404 | 409> = {
  NOT_AUTHORIZED: 403,
  TOPIC_NAME_INVALID: 400,
  PACKET_TOO_LARGE: 400,
  PAYLOAD_FORMAT_INVALID: 400,
  RETAIN_NOT_SUPPORTED: 400,
  QOS_NOT_SUPPORTED: 400,
  IMPLEMENTATION_SPECIFIC_ERROR: 400,
};

export function reasonName(code: number): string {
  return REASON_NAMES[code] ?? `REASON_${code}`;
}

/** mqtt.js puts MQTT reason codes (numbers) in `code`, socket errors their string codes. */
export function faultOf(err: unknown): BrokerFault {
  const fault = toFault(err);
  const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'number' ? { ...fault, code: reasonName(code) } : fault;
}

export function needsHuman(fault: BrokerFault): boolean {
  return NEEDS_HUMAN.has(fault.code);
}

/** Maps what mqtt.js threw (or a refusing reason code) for `action` to the error the edge reports. */
export function toBrokerError(err: unknown, action: string): AdapterError {
  if (isAdapterError(err)) return err;
  const fault = faultOf(err);
  const message = `${action}: ${fault.message}`;
  const status = err instanceof ErrorWithReasonCode ? REJECTION_STATUS[fault.code] : undefined;
  if (status !== undefined) return new BrokerRejectedError(message, fault.code, status);
  return new BrokerUnavailableError(message, fault.code);
}

export function lostConnection(): BrokerFault {
  return { code: 'CONNECTION_LOST', message: 'the connection to the broker closed', at: new Date() };
}

/** The fault a broker's DISCONNECT names; a session taken over says by whom it most likely was. */
export function disconnectFault(reason: number, clientId: string): BrokerFault {
  const code = reasonName(reason);
  if (code !== 'SESSION_TAKEN_OVER') return { ...lostConnection(), code };
  const message =
    `another client connected with client id ${clientId} and took the session over (another ` +
    'Understudy node reading the same queue mock without a share group?); retrying slowly';
  return { code, message, at: new Date() };
}
