import { AMQPChannelError, AMQPConnectionError, AMQPError } from 'rabbitmq-client';
import {
  BrokerRejectedError,
  BrokerUnavailableError,
  type BrokerFault,
} from '../../core/ports/broker-client.js';
import { toFault } from '../status-tracker.js';

/** Faults a retry will not cure: credentials, vhost, URL, TLS, or topology someone has to change. */
const NEEDS_HUMAN = new Set([
  'ACCESS_REFUSED',
  'NOT_ALLOWED',
  'INVALID_PATH',
  'VERSION_MISMATCH',
  'INVALID_URL',
  'ENOTFOUND',
  'NOT_FOUND',
  'PRECONDITION_FAILED',
  'RESOURCE_LOCKED',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Channel-level refusals that mean "the broker said no to this request", with the HTTP status to use. */
const REJECTION_STATUS: Record<string, 400 | 403 | 404 | 409> = {
  ACCESS_REFUSED: 403,
  NOT_FOUND: 404,
  PRECONDITION_FAILED: 409,
  RESOURCE_LOCKED: 409,
  NACK: 409,
  NO_ROUTE: 404,
  CONTENT_TOO_LARGE: 400,
  CODEC: 400,
  COMMAND_INVALID: 400,
  SYNTAX_ERROR: 400,
  NOT_ALLOWED: 403,
};

/** Builds a status fault; rabbitmq-client prefixes handshake errors with "undefined: ", which helps no one. */
export function faultOf(err: unknown): BrokerFault {
  const fault = toFault(err);
  return { ...fault, message: fault.message.replace(/^undefined: /, '') };
}

export function needsHuman(fault: BrokerFault): boolean {
  return NEEDS_HUMAN.has(fault.code);
}

/**
 * Maps whatever rabbitmq-client threw for `action` to the error the edge reports. A connection-level
 * error (or a channel closed because the connection went) means "try again later"; a channel closed by
 * the broker because of this request is a rejection carrying the broker's own reason.
 */
export function toBrokerError(err: unknown, action: string): BrokerUnavailableError | BrokerRejectedError {
  if (err instanceof BrokerRejectedError || err instanceof BrokerUnavailableError) return err;
  const fault = faultOf(err);
  const message = `${action}: ${fault.message}`;
  if (err instanceof AMQPConnectionError) return new BrokerUnavailableError(message, fault.code);
  const status = REJECTION_STATUS[fault.code];
  if ((err instanceof AMQPChannelError || err instanceof AMQPError) && status !== undefined) {
    return new BrokerRejectedError(message, fault.code, status);
  }
  if (err instanceof AMQPError) return new BrokerUnavailableError(message, fault.code);
  // Not from the protocol: the client refused to encode the request (e.g. a name over 255 bytes).
  if (err instanceof RangeError || err instanceof TypeError)
    return new BrokerRejectedError(message, 'INVALID_REQUEST');
  return new BrokerUnavailableError(message, fault.code);
}
