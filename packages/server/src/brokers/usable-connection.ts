import { BrokerUnavailableError, type BrokerStatus, type StatusSource } from '../core/ports/broker-client.js';

/**
 * Resolves once `source` is connected. Fails at once when a human must act (`failed`) or the client is
 * closed, and after `timeoutMs` otherwise, with the last fault as the reason: an operation neither
 * hangs on a broker that is down nor fails on a reconnect that takes a moment.
 */
export function whenUsable(source: StatusSource, action: string, timeoutMs: number): Promise<void> {
  const refusal = refusalOf(source, action, false);
  if (refusal === null) return Promise.resolve();
  if (refusal) return Promise.reject(refusal);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(
        refusalOf(source, action, true) ?? new BrokerUnavailableError(`${action}: timed out`, 'TIMEOUT'),
      );
    }, timeoutMs);
    const off = source.onStatusChange(() => {
      const now = refusalOf(source, action, false);
      if (now === undefined) return;
      clearTimeout(timer);
      off();
      if (now === null) resolve();
      else reject(now);
    });
  });
}

/** null: usable now; an error: give up now; undefined: worth waiting for. */
function refusalOf(
  source: StatusSource,
  action: string,
  timedOut: boolean,
): BrokerUnavailableError | null | undefined {
  const status = source.status;
  switch (status.state) {
    case 'connected':
      return null;
    case 'closed':
      return new BrokerUnavailableError(`${action}: the client is closed`, 'CLOSED');
    case 'failed':
      return new BrokerUnavailableError(`${action}: ${status.lastError.message}`, status.lastError.code);
    case 'reconnecting':
      if (!timedOut) return undefined;
      return new BrokerUnavailableError(`${action}: ${status.lastError.message}`, status.lastError.code);
    case 'connecting':
      return timedOut
        ? new BrokerUnavailableError(`${action}: not connected yet`, 'NOT_CONNECTED')
        : undefined;
  }
}

/** Resolves with the first status after `connecting`: what `BrokerClient.connect()` promises. */
export function firstSettled(source: StatusSource): Promise<BrokerStatus> {
  if (source.status.state !== 'connecting') return Promise.resolve(source.status);
  return new Promise((resolve) => {
    const off = source.onStatusChange((status) => {
      if (status.state === 'connecting') return;
      off();
      resolve(status);
    });
  });
}
