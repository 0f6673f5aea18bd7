import type { BrokerFault, BrokerStatus, StatusSource } from '../core/ports/broker-client.js';

/**
 * Builds a fault from whatever a client library threw: errors with a `code`, socket errors, strings,
 * and our own Broker*Error, whose broker code (not the API code BROKER_REJECTED) is the reason.
 */
export function toFault(err: unknown, fallbackCode = 'UNKNOWN'): BrokerFault {
  const at = new Date();
  if (err instanceof Error) {
    const brokerCode = (err as { brokerCode?: unknown }).brokerCode;
    const code = typeof brokerCode === 'string' ? brokerCode : (err as { code?: unknown }).code;
    return { code: typeof code === 'string' && code !== '' ? code : fallbackCode, message: err.message, at };
  }
  return { code: fallbackCode, message: String(err), at };
}

/**
 * Holds one status and tells listeners about changes. Shared by every adapter and its subscriptions so
 * they all report the same way. A listener that throws is isolated: it cannot break the adapter.
 */
export class StatusTracker implements StatusSource {
  #status: BrokerStatus = { state: 'connecting' };
  readonly #listeners = new Set<(status: BrokerStatus) => void>();

  get status(): BrokerStatus {
    return this.#status;
  }

  onStatusChange(listener: (status: BrokerStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  set(status: BrokerStatus): void {
    if (this.#status.state === 'closed') return; // closed is final; late events from a dying socket are noise
    if (sameStatus(this.#status, status)) return;
    this.#status = status;
    for (const listener of this.#listeners) {
      try {
        listener(status);
      } catch {
        // A listener's bug must not stop the reconnect machinery; listeners own their error handling.
      }
    }
  }

  connected(): void {
    if (this.#status.state !== 'connected') this.set({ state: 'connected', since: new Date() });
  }

  /** Records a fault: `failed` when a human must act, `reconnecting` otherwise. */
  fault(fault: BrokerFault, needsHuman: boolean): void {
    this.set({ state: needsHuman ? 'failed' : 'reconnecting', lastError: fault });
  }

  /**
   * Takes on every fault of `source` (a subscription's own connection) as it happens; `onFault` runs
   * first. Getting connected again is left to the owner, which knows when it reads again.
   */
  followFaultsOf(source: StatusSource, onFault?: () => void): void {
    source.onStatusChange((status) => {
      if (status.state !== 'reconnecting' && status.state !== 'failed') return;
      onFault?.();
      this.fault(status.lastError, status.state === 'failed');
    });
  }
}

function sameStatus(a: BrokerStatus, b: BrokerStatus): boolean {
  if (a.state !== b.state) return false;
  if ('lastError' in a && 'lastError' in b) {
    return a.lastError.code === b.lastError.code && a.lastError.message === b.lastError.message;
  }
  return true;
}
