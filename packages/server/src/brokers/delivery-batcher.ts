import { expBackoff, type RetryBounds } from '../core/retry/backoff.js';

/** What an adapter plugs into the batcher: the user's handler, and how to ack or requeue raw deliveries. */
export interface BatchSink<T> {
  handle(batch: readonly T[]): Promise<void>;
  /**
   * `ok`: ack exactly `batch`. Not ok: requeue `batch` *and* everything buffered behind it, so the
   * broker redelivers them in their original order rather than letting later ones overtake.
   */
  settle(batch: readonly T[], ok: boolean): void;
}

export interface BatcherOptions extends RetryBounds {
  maxBatch: number;
  maxWaitMs: number;
}

/**
 * Turns a stream of deliveries into batches for one consumer: a batch goes out when `maxBatch` have
 * arrived or `maxWaitMs` after its first one, and only one batch is in hand at a time (that keeps order
 * and lets AMQP ack a batch with one `multiple` ack). Deliveries that arrive while a batch is being
 * stored form the next batch: it goes out at once when full, else once its first delivery has waited
 * BUSY_WAIT_FACTOR × `maxWaitMs`. A steady stream thus fills batches, while a lone message (an RPC
 * request) still goes out after `maxWaitMs`. Handing over whatever had arrived the moment a batch was
 * done made a store faster than the broker take batches of a few messages, each paying a commit and ack.
 * After a rejected batch the next one waits with backoff, so a store that is down is not hammered.
 */
/** How much longer deliveries that arrived during a batch may wait for more: see the class comment. */
const BUSY_WAIT_FACTOR = 4;

export class DeliveryBatcher<T> {
  readonly #sink: BatchSink<T>;
  readonly #options: BatcherOptions;
  #buffer: T[] = [];
  /** When the first delivery now buffered arrived (performance.now()). */
  #firstAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;
  #failures = 0;
  #backingOff = false;
  #stopped = false;

  constructor(sink: BatchSink<T>, options: BatcherOptions) {
    this.#sink = sink;
    this.#options = options;
  }

  get buffered(): number {
    return this.#buffer.length;
  }

  push(delivery: T): void {
    if (this.#buffer.length === 0) this.#firstAt = performance.now();
    this.#buffer.push(delivery);
    if (this.#inFlight || this.#backingOff || this.#stopped) return;
    if (this.#buffer.length >= this.#options.maxBatch) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), this.#options.maxWaitMs);
  }

  /** Forgets buffered deliveries whose channel or session is gone: the broker redelivers them anyway. */
  discardBuffered(): void {
    this.#buffer = [];
    this.#clearTimer();
  }

  /** Resolves once the batch in hand (if any) has been settled. */
  async idle(): Promise<void> {
    while (this.#inFlight) await this.#inFlight;
  }

  /** Hands over nothing more; returns what was buffered but never handed over. */
  stop(): T[] {
    this.#stopped = true;
    this.#clearTimer();
    return this.#buffer.splice(0);
  }

  #flush(): void {
    this.#clearTimer();
    if (this.#inFlight || this.#stopped || this.#buffer.length === 0) return;
    const batch = this.#buffer.splice(0, this.#options.maxBatch);
    if (this.#buffer.length > 0) this.#firstAt = performance.now();
    this.#inFlight = this.#run(batch);
  }

  async #run(batch: T[]): Promise<void> {
    let ok = false;
    try {
      await this.#sink.handle(batch);
      ok = true;
    } catch {
      // The handler's owner sees its own rejection; here it only means "redeliver".
    }
    this.#failures = ok ? 0 : this.#failures + 1;
    try {
      this.#sink.settle(ok ? batch : batch.concat(this.#buffer.splice(0)), ok);
    } finally {
      this.#inFlight = undefined;
    }
    if (!ok) this.#backOff();
    else this.#next();
  }

  /** What arrived during the batch goes out when full, or when the first of it has waited long enough. */
  #next(): void {
    if (this.#buffer.length === 0 || this.#stopped) return;
    const linger = this.#options.maxWaitMs * BUSY_WAIT_FACTOR - (performance.now() - this.#firstAt);
    if (this.#buffer.length >= this.#options.maxBatch || linger <= 0) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), linger);
  }

  #backOff(): void {
    this.#backingOff = true;
    const delay = expBackoff(this.#options.retryLowMs, this.#options.retryHighMs, this.#failures);
    this.#timer = setTimeout(() => {
      this.#backingOff = false;
      this.#flush();
    }, delay);
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#backingOff = false;
  }
}
