import { connect, type NatsConnection, type Status } from '@nats-io/transport-node';
import type { BrokerFault, BrokerStatus, StatusSource } from '../../core/ports/broker-client.js';
import { expBackoff } from '../../core/retry/backoff.js';
import { StatusTracker } from '../status-tracker.js';
import { faultOf, needsHuman } from './nats-faults.js';
import { connectionOptions, type ResolvedNatsOptions } from './nats-options.js';

/**
 * The broker's one NATS connection. nats.js reconnects an established connection by itself (and
 * re-subscribes); this class adds what it leaves out: retrying the *first* connection with backoff,
 * starting over if nats.js ever closes the connection, and mapping its status events to ours.
 * Listeners hear of every (re)connection, so consumers can re-issue their pull requests.
 */
export class NatsConnectionSupervisor implements StatusSource {
  readonly #options: ResolvedNatsOptions;
  readonly #status = new StatusTracker();
  readonly #onConnected = new Set<(nc: NatsConnection) => void>();
  #nc: NatsConnection | undefined;
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  #started = false;
  #closing = false;

  constructor(options: ResolvedNatsOptions) {
    this.#options = options;
  }

  get status(): BrokerStatus {
    return this.#status.status;
  }

  onStatusChange(listener: (status: BrokerStatus) => void): () => void {
    return this.#status.onStatusChange(listener);
  }

  /** The live connection, if any (it may be between reconnects: check `status`). */
  get connection(): NatsConnection | undefined {
    return this.#nc;
  }

  /** Calls `listener` after every (re)connection, with the connection to use from now on. */
  onConnected(listener: (nc: NatsConnection) => void): () => void {
    this.#onConnected.add(listener);
    return () => this.#onConnected.delete(listener);
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#connect();
  }

  async close(): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#timer);
    const nc = this.#nc;
    this.#nc = undefined;
    // drain() flushes what is buffered (acks, naks) before closing; a dead connection just closes.
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
    this.#status.set({ state: 'closed' });
  }

  async #connect(): Promise<void> {
    this.#timer = undefined;
    let nc: NatsConnection;
    try {
      nc = await connect(connectionOptions(this.#options, () => this.#nextDelay()));
    } catch (err) {
      this.#retry(faultOf(err));
      return;
    }
    if (this.#closing) {
      await nc.close();
      return;
    }
    this.#nc = nc;
    this.#attempt = 0;
    void this.#watchStatus(nc);
    void this.#watchClosed(nc);
    this.#connected(nc);
  }

  async #watchStatus(nc: NatsConnection): Promise<void> {
    for await (const event of nc.status()) {
      if (nc !== this.#nc) return;
      this.#onStatus(nc, event);
    }
  }

  #onStatus(nc: NatsConnection, event: Status): void {
    switch (event.type) {
      case 'disconnect':
        this.#fault({
          code: 'DISCONNECTED',
          message: `lost the connection to ${event.server}; reconnecting`,
        });
        break;
      case 'staleConnection':
        this.#fault({
          code: 'STALE_CONNECTION',
          message: 'the server stopped answering pings; reconnecting',
        });
        break;
      case 'error':
        this.#fault(faultOf(event.error));
        break;
      case 'reconnect':
        this.#attempt = 0;
        this.#connected(nc);
        break;
      default:
      // ldm, update, ping, slowConsumer: nothing a user of the status needs to see
    }
  }

  /** nats.js closes a connection on its own only when it cannot go on; start over with a new one. */
  async #watchClosed(nc: NatsConnection): Promise<void> {
    const err = await nc.closed();
    if (this.#closing || nc !== this.#nc) return;
    this.#nc = undefined;
    this.#retry(
      err ? faultOf(err) : { code: 'CONNECTION_CLOSED', message: 'the connection closed', at: new Date() },
    );
  }

  #connected(nc: NatsConnection): void {
    this.#status.connected();
    for (const listener of this.#onConnected) {
      try {
        listener(nc);
      } catch {
        // A listener's bug must not stop the others; listeners own their error handling.
      }
    }
  }

  #fault(fault: Omit<BrokerFault, 'at'>): void {
    const full = { ...fault, at: new Date() };
    this.#status.fault(full, needsHuman(full));
  }

  #retry(fault: BrokerFault): void {
    if (this.#closing) return;
    this.#status.fault(fault, needsHuman(fault));
    this.#timer = setTimeout(() => void this.#connect(), this.#nextDelay());
  }

  /** Shared by our first-connection retries and nats.js's reconnects; refused credentials wait longest. */
  #nextDelay(): number {
    const { retryLowMs, retryHighMs } = this.#options;
    if (this.#status.status.state === 'failed') return retryHighMs;
    return expBackoff(retryLowMs, retryHighMs, ++this.#attempt);
  }
}
