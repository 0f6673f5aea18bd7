import {
  BrokerRejectedError,
  BrokerUnavailableError,
  type BrokerFault,
} from '../../core/ports/broker-client.js';
import { isAdapterError, type AdapterError } from '../adapter-errors.js';
import { toFault } from '../status-tracker.js';

/** Faults a retry will not cure: credentials, permissions, a missing group that we may not create. */
const NEEDS_HUMAN = new Set(['WRONGPASS', 'NOAUTH', 'NOPERM', 'NOT_FOUND', 'ENOTFOUND', 'INVALID_URL']);

/** Redis error replies start with an upper-case code: `WRONGPASS …`, `NOGROUP …`, `BUSYGROUP …`. */
export function faultOf(err: unknown): BrokerFault {
  const fault = toFault(err);
  if (!(err instanceof Error)) return fault;
  if (err.name === 'MaxRetriesPerRequestError') {
    return { ...fault, code: 'CONNECTION_LOST', message: 'the connection dropped before the reply' };
  }
  const code = /^([A-Z][A-Z_]+) /.exec(err.message)?.[1];
  if (code === undefined || fault.code !== 'UNKNOWN') return fault;
  const auth = code === 'WRONGPASS' || code === 'NOAUTH';
  return { ...fault, code, message: auth ? `authentication refused: ${err.message}` : err.message };
}

export function needsHuman(fault: BrokerFault): boolean {
  return NEEDS_HUMAN.has(fault.code);
}

/** Reply codes that mean "the server said no to this request", with the HTTP status to use. */
const REJECTION_STATUS: Record<string, 400 | 403 | 404 | 409> = {
  NOPERM: 403,
  NOGROUP: 404,
  NOT_FOUND: 404,
  WRONGTYPE: 409,
  ERR: 400,
};

export function toBrokerError(err: unknown, action: string): AdapterError {
  if (isAdapterError(err)) return err;
  const fault = faultOf(err);
  const message = `${action}: ${fault.message}`;
  const status = REJECTION_STATUS[fault.code];
  if (status !== undefined) return new BrokerRejectedError(message, fault.code, status);
  return new BrokerUnavailableError(message, fault.code);
}
