import type { Clock } from '../../core/ports/index.js';

export type WaitingFor = 'in' | 'out' | 'mapper' | 'store';

export type RunnerStatus =
  | { state: 'starting' | 'running' | 'paused'; message: string; since: number }
  | { state: 'waiting'; waitingFor: WaitingFor; message: string; since: number };

const WHAT: Record<WaitingFor, string> = {
  in: 'IN',
  out: 'OUT',
  mapper: 'the mapper runtime',
  store: 'the database',
};

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { brokerCode?: unknown } | null)?.brokerCode;
  return typeof code === 'string' && !message.startsWith(code) ? `${code}: ${message}` : message;
}

type Fault = { waitingFor: WaitingFor; reason: string };

/**
 * What one bridge is doing, for people: paused, starting, running, or waiting for IN, OUT, the mapper
 * runtime or the database (with the reason). `since` is when it last changed to that.
 */
export class BridgeState {
  #startFault: Fault | null = null;
  #batchFault: Fault | null = null;
  #last = { key: '', since: 0 };

  constructor(
    private readonly clock: Clock,
    private readonly base: 'starting' | 'paused',
  ) {}

  /** Starting failed (declaring IN or OUT, or opening the consumer); retried until `started`. */
  startFailed(waitingFor: WaitingFor, error: unknown): void {
    this.#startFault = { waitingFor, reason: reasonOf(error) };
  }

  isStartFailing(): boolean {
    return this.#startFault !== null;
  }

  started(): void {
    this.#startFault = null;
  }

  /** A batch went back to IN because of `waitingFor`; cleared by the next batch that goes through. */
  batchFailed(waitingFor: WaitingFor, error: unknown): void {
    this.#batchFault = { waitingFor, reason: reasonOf(error) };
  }

  batchPassed(): void {
    this.#batchFault = null;
  }

  /** `consumer`: null when IN is consumed fine, 'starting' while it sets up, a fault when it lost IN. */
  current(consumer: Fault | 'starting' | null | undefined): RunnerStatus {
    if (this.base === 'paused') return this.#stamp({ state: 'paused', message: 'paused' });
    const fault =
      this.#startFault ?? (consumer && consumer !== 'starting' ? consumer : null) ?? this.#batchFault;
    if (fault) {
      const message = `waiting for ${WHAT[fault.waitingFor]}: ${fault.reason}`;
      return this.#stamp({ state: 'waiting', waitingFor: fault.waitingFor, message });
    }
    if (consumer === null) return this.#stamp({ state: 'running', message: 'running' });
    return this.#stamp({ state: 'starting', message: 'starting' });
  }

  #stamp<S extends Omit<RunnerStatus, 'since'>>(status: S): S & { since: number } {
    const key = `${status.state}/${'waitingFor' in status ? String(status.waitingFor) : ''}`;
    if (key !== this.#last.key) this.#last = { key, since: this.clock.now() };
    return { ...status, since: this.#last.since };
  }
}
