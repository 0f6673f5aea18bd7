import { nanos } from '@nats-io/transport-node';

export interface PullSink {
  /** Sends one pull request (JSON) for the consumer; false when it could not be sent. */
  send(request: string): boolean;
  /** The open requests went silent (no message, no heartbeat): they are presumed lost. */
  lost(): void;
}

/**
 * The flow control of one pull consumer: how many messages its open pull requests still ask for
 * (`outstanding`) and how many it holds unacked (`held`), so that together they never exceed the
 * prefetch. A new request asks for all the free room once a quarter of the prefetch is free, so
 * deliveries keep flowing while earlier batches are stored, in few and large requests.
 */
export class PullWindow {
  readonly #prefetch: number;
  readonly #expiresMs: number;
  readonly #heartbeatMs: number;
  readonly #sink: PullSink;
  #subject = '';
  #outstanding = 0;
  #held = 0;
  #active = false;
  #lastActivity = 0;
  #monitor: NodeJS.Timeout | undefined;

  constructor(prefetch: number, expiresMs: number, sink: PullSink) {
    this.#prefetch = prefetch;
    this.#expiresMs = Math.max(1000, expiresMs);
    // The server sends an idle heartbeat this often while a request waits with nothing to deliver.
    this.#heartbeatMs = Math.min(this.#expiresMs / 2, 30_000);
    this.#sink = sink;
  }

  get subject(): string {
    return this.#subject;
  }

  /** Starts pulling from `subject` (`$JS.API.CONSUMER.MSG.NEXT.<stream>.<durable>`), forgetting old requests. */
  start(subject: string): void {
    this.stop();
    this.#subject = subject;
    this.#active = true;
    this.#lastActivity = Date.now();
    this.#monitor = setInterval(() => this.#check(), this.#heartbeatMs);
    this.#pull();
  }

  /** No more pulls until the next start; requests still open are abandoned (their server side expires). */
  stop(): void {
    this.#active = false;
    this.#outstanding = 0;
    clearInterval(this.#monitor);
    this.#monitor = undefined;
  }

  activity(): void {
    this.#lastActivity = Date.now();
  }

  /** A message arrived and is now held until released. */
  received(): void {
    this.#outstanding = Math.max(0, this.#outstanding - 1);
    this.#held += 1;
  }

  /** `count` held messages were acked, nak'd or dropped. */
  release(count: number): void {
    this.#held = Math.max(0, this.#held - count);
    this.#pull();
  }

  /** A request ended unfulfilled; `pending` is how many messages it still asked for, if the server said. */
  expired(pending: number | undefined): void {
    this.#outstanding = pending === undefined ? 0 : Math.max(0, this.#outstanding - pending);
    this.#pull();
  }

  #pull(): void {
    if (!this.#active) return;
    const free = this.#prefetch - this.#held - this.#outstanding;
    const threshold = Math.max(1, Math.floor(this.#prefetch / 4));
    if (free <= 0 || (free < threshold && this.#outstanding > 0)) return;
    const request = JSON.stringify({
      batch: free,
      expires: nanos(this.#expiresMs),
      idle_heartbeat: nanos(this.#heartbeatMs),
    });
    if (this.#sink.send(request)) this.#outstanding += free;
  }

  #check(): void {
    if (!this.#active || this.#outstanding === 0) return;
    // Two missed heartbeats (plus slack): a server restart or lost reconnect left the requests behind.
    if (Date.now() - this.#lastActivity > 2 * this.#heartbeatMs + 1000) {
      this.#outstanding = 0;
      this.#sink.lost();
    }
  }
}
