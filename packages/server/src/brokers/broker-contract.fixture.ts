import { setTimeout as sleep } from 'node:timers/promises';
import type {
  BatchHandler,
  BrokerClient,
  BrokerStatus,
  DeclareOptions,
  Delivery,
  StatusSource,
} from '../core/ports/broker-client.js';

/** What each broker kind supplies to run the shared contract against a real server. */
export interface BrokerContractHarness {
  /** A client for the healthy test broker, not yet connected, with short retry delays. */
  createClient(): BrokerClient;
  /** A name no other test run uses. */
  newTarget(): string;
  /** Options that create `target` durably. */
  declareOptions(target: string): DeclareOptions;
  /** Drops the client's connection from the server side, as an operator or a network fault would. */
  dropConnection(client: BrokerClient): Promise<void>;
  /** A client whose host does not answer. */
  createUnreachableClient(): BrokerClient;
  /**
   * A client the broker refuses; omit where no server with authentication can be had. May start a
   * throwaway server that requires credentials (stopped in `teardown`).
   */
  createClientWithWrongCredentials?(): BrokerClient | Promise<BrokerClient>;
  /** Stops the whole server briefly and starts it again; omit to skip the restart test. */
  restartServer?(): Promise<void>;
  /**
   * Acks are not tied to the connection that received the message (JetStream, Redis Streams): after a
   * drop, the batch in hand is acked once reconnected instead of coming back. Default false.
   */
  acksSurviveReconnect?: boolean;
  /**
   * False where the test server keeps nothing across a restart (Redis without AOF or RDB): the restart
   * test then requires only what was confirmed after the restart, and reports what was lost before.
   */
  restartKeepsData?: boolean;
  /**
   * Messages the broker keeps queued per consumer before it silently drops more (Mosquitto's
   * max_queued_messages): the fault tests' publishers keep the backlog below it.
   */
  maxBacklog?: number;
  /** Runs once after the suite: stops helper servers and makes sure the broker is up again. */
  teardown?(): Promise<void>;
}

export interface ContractContext {
  harness: BrokerContractHarness;
  /** A connected client, closed after the test. */
  open(): Promise<BrokerClient>;
  /** A declared fresh target, deleted after the test. */
  fresh(client: BrokerClient): Promise<string>;
  /** Prints counts the closing notes need (lost, duplicates). */
  report(test: string, counts: Record<string, number>): void;
}

/** Polls until `check` holds; fails with `what` and the last observed value otherwise. */
export async function waitUntil(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(20);
  }
}

export function waitForState(
  source: StatusSource,
  state: BrokerStatus['state'],
  timeoutMs = 10_000,
): Promise<void> {
  return waitUntil(
    `status is ${state} (now ${JSON.stringify(source.status)})`,
    () => source.status.state === state,
    timeoutMs,
  );
}

/** Records every status a source goes through, from now on. */
export function recordStates(source: StatusSource): BrokerStatus[] {
  const seen: BrokerStatus[] = [source.status];
  source.onStatusChange((status) => seen.push(status));
  return seen;
}

/** The contract's message body: a sequence number, so loss and duplicates can be counted for any kind. */
export function testBody(seq: number): Buffer {
  return Buffer.from(JSON.stringify({ seq }));
}

export function seqOf(delivery: Delivery): number {
  return (JSON.parse(delivery.body.toString('utf8')) as { seq: number }).seq;
}

/**
 * A batch handler that counts what it accepted. `before` runs first on every call and may throw (the
 * batch is then rejected and must come back) or stall (to hold a batch while a fault is injected).
 */
export class DeliveryLog {
  readonly batchSizes: number[] = [];
  readonly order: number[] = [];
  readonly accepted = new Map<number, number>();
  readonly redelivered = new Set<number>();
  readonly deliveries: Delivery[] = [];
  calls = 0;

  constructor(private readonly before?: (batch: readonly Delivery[], call: number) => Promise<void> | void) {}

  readonly handler: BatchHandler = async (batch) => {
    this.calls += 1;
    this.batchSizes.push(batch.length);
    await this.before?.(batch, this.calls);
    for (const delivery of batch) {
      const seq = seqOf(delivery);
      this.accepted.set(seq, (this.accepted.get(seq) ?? 0) + 1);
      this.order.push(seq);
      if (delivery.redelivered) this.redelivered.add(seq);
      this.deliveries.push(delivery);
    }
  };

  get distinct(): number {
    return this.accepted.size;
  }

  get duplicates(): number {
    let extra = 0;
    for (const times of this.accepted.values()) extra += times - 1;
    return extra;
  }

  lost(published: Iterable<number>): number[] {
    return [...published].filter((seq) => !this.accepted.has(seq));
  }

  /** Waits until every one of `seqs` was accepted at least once. */
  waitForAll(seqs: readonly number[], timeoutMs = 15_000): Promise<void> {
    return waitUntil(
      `all ${seqs.length} messages arrived (${this.lost(seqs).length} missing)`,
      () => this.lost(seqs).length === 0,
      timeoutMs,
    );
  }

  waitForDistinct(count: number, timeoutMs = 15_000): Promise<void> {
    return waitUntil(
      `${count} distinct messages arrived (have ${this.distinct})`,
      () => this.distinct >= count,
      timeoutMs,
    );
  }
}

/** Publishes seq `from`..`to-1` concurrently (the adapter's in-flight window bounds them); returns the confirmed. */
export async function publishRange(
  client: BrokerClient,
  target: string,
  from: number,
  to: number,
): Promise<number[]> {
  const seqs = Array.from({ length: to - from }, (_, i) => from + i);
  await Promise.all(seqs.map((seq) => client.publish(target, { body: testBody(seq) })));
  return seqs;
}
