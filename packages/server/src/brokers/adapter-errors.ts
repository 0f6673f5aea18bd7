import { ValidationError } from '../core/errors.js';
import { BrokerRejectedError, BrokerUnavailableError } from '../core/ports/broker-client.js';

/** What the adapters' public methods throw: the port's broker errors, or a refused option or name. */
export type AdapterError = BrokerUnavailableError | BrokerRejectedError | ValidationError;

/** Already one of ours (from a check or an inner step): to be passed on as it is, not wrapped again. */
export function isAdapterError(err: unknown): err is AdapterError {
  return (
    err instanceof BrokerRejectedError ||
    err instanceof BrokerUnavailableError ||
    err instanceof ValidationError
  );
}
