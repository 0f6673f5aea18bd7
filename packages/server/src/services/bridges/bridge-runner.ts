import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import {
  BrokerRejectedError,
  type BridgeRecord,
  type BrokerClient,
  type Clock,
  type DeadLetterStore,
  type DeclareOptions,
  type Delivery,
  type HandlerRunner,
  type Subscription,
} from '../../core/ports/index.js';
import { OUT_DECLARATION, inDeclarations } from '../../core/bridging/bridge-declarations.js';
import { prefetchFor } from '../../core/bridging/bridge-defaults.js';
import type { Digest } from '../../core/bridging/message-id.js';
import type { BrokerConnections } from '../queues/broker-connections.js';
import type { BridgeCounters } from './bridge-counters.js';
import type { BridgeHops } from './bridge-hops.js';
import {
  MapperUnavailableError,
  OutUnavailableError,
  processBatch,
  type PipelineDeps,
} from './bridge-pipeline.js';
import { publishOut } from './bridge-publisher.js';
import { BridgeState, type RunnerStatus, type WaitingFor } from './bridge-state.js';
import { prepareMapper, type PreparedMapper } from './mappers.js';

export interface RunnerDeps {
  connections: BrokerConnections;
  handlers: HandlerRunner;
  deadLetters: DeadLetterStore;
  hops: BridgeHops;
  counters: BridgeCounters;
  clock: Clock;
  log: Logger;
  /** Whether the bridge is still stored: asked when IN's consumer is lost (see BridgeRunners.forget). */
  isStored: (id: string) => Promise<boolean>;
}

const RETRY_LOW_MS = 500;
const RETRY_HIGH_MS = 15_000;

export const sha256: Digest = (chunks) => {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
};

/**
 * Runs one bridge on this node: declares IN (and OUT when asked), consumes IN, and hands each batch
 * to the pipeline; the adapter acks the batch when the pipeline resolves and requeues it (after a
 * backoff) when it throws. Mirrors QueueIntake's consumer: retried start, status for the API.
 */
export class BridgeRunner {
  readonly mapper: PreparedMapper;
  readonly #state: BridgeState;
  readonly #pipeline: PipelineDeps;
  #subscription: Subscription | null = null;
  #retry: NodeJS.Timeout | undefined;
  #attempt = 0;
  #stopped = false;
  #failedBatches = 0;
  #checking = false;

  /** `onGone`: IN's consumer was lost and the bridge is no longer stored (deleted on another node). */
  constructor(
    readonly bridge: BridgeRecord,
    private readonly deps: RunnerDeps,
    private readonly onGone: () => void = () => {},
  ) {
    this.mapper = prepareMapper(bridge.mapper, { handlers: deps.handlers, owner: bridge.id });
    this.#state = new BridgeState(deps.clock, bridge.enabled ? 'starting' : 'paused');
    this.#pipeline = {
      bridge,
      mapper: this.mapper,
      publish: (message, id) => publishOut(deps.connections, bridge.out, message, id),
      deadLetters: deps.deadLetters,
      hops: deps.hops,
      clock: deps.clock,
      digest: sha256,
    };
  }

  start(): void {
    if (this.bridge.enabled) void this.#run();
  }

  status(): RunnerStatus {
    const sub = this.#subscription?.status;
    return this.#state.current(sub && this.#inWait(sub));
  }

  /** Stops reading; the batch in hand is finished (acked or sent back), the rest goes back to IN. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retry);
    const subscription = this.#subscription;
    this.#subscription = null;
    await subscription?.close();
  }

  async #run(): Promise<void> {
    const { connections } = this.deps;
    const { in: source, out } = this.bridge;
    let stage: 'in' | 'out' = 'out';
    try {
      // OUT first: IN's declaration is what the consume below reads with, and another user of the IN
      // queue (a queue mock) must not get to declare it in between with its own consumer name.
      if (out.create && out.queue)
        await this.#declare(connections.client(out.broker), out.queue, OUT_DECLARATION);
      stage = 'in';
      const client = connections.client(source.broker);
      const reader = inDeclarations[connections.kind(source.broker) ?? client.kind](this.bridge);
      await this.#declare(client, source.queue, reader);
      if (this.#stopped) return;
      const prefetch = prefetchFor(this.bridge.concurrency);
      const subscription = client.consume(source.queue, (batch) => this.#handle(batch), {
        prefetch,
        reader,
      });
      this.#subscription = subscription;
      subscription.onStatusChange((status) => {
        // Closed under us (its broker was changed and reconnected): start again on the new client.
        if (status.state === 'closed' && this.#subscription === subscription) this.#restart(subscription);
        if (status.state === 'reconnecting' || status.state === 'failed') this.#checkStored();
      });
      this.#attempt = 0;
      this.#state.started();
    } catch (error) {
      this.#retryLater(stage, error);
    }
  }

  /**
   * `create` means "create it if missing": an existing queue is used as it is, whatever its type (a
   * quorum queue mock on it must not make the bridge fail on an inequivalent declaration).
   */
  async #declare(client: BrokerClient, queue: string, options: DeclareOptions): Promise<void> {
    if (options.kind === 'rabbitmq' && options.create) {
      try {
        return await client.declare(queue, { ...options, create: false });
      } catch (error) {
        if (!(error instanceof BrokerRejectedError && error.brokerCode === 'NOT_FOUND')) throw error;
      }
    }
    await client.declare(queue, options);
  }

  /**
   * IN's queue, durable or group may have been deleted along with the bridge on another node: one
   * look-up, quicker than the adapter's backoff, keeps us from declaring it again.
   */
  #checkStored(): void {
    if (this.#checking || this.#stopped) return;
    this.#checking = true;
    this.deps
      .isStored(this.bridge.id)
      .then((stored) => {
        if (!stored && !this.#stopped) this.onGone();
      })
      .catch((error: unknown) =>
        this.deps.log.warn(
          { err: error, bridge: this.bridge.id },
          'could not check whether the bridge still exists',
        ),
      )
      .finally(() => {
        this.#checking = false;
      });
  }

  /** Expected when the broker's connection is replaced (its settings changed): no warning, just go on. */
  #restart(closed: Subscription): void {
    if (this.#stopped || this.#subscription !== closed) return;
    this.#subscription = null;
    this.deps.log.info(
      { bridge: this.bridge.id },
      'bridge IN consumer closed (broker reconnected?); restarting',
    );
    this.#retryLater('in', new Error('the IN consumer was closed; restarting'), true);
  }

  #retryLater(stage: 'in' | 'out', error: unknown, quiet = false): void {
    if (this.#stopped) return;
    const first = !this.#state.isStartFailing();
    this.#state.startFailed(stage, error);
    if (first && !quiet)
      this.deps.log.warn({ err: error, bridge: this.bridge.id }, `bridge cannot start (${stage}); retrying`);
    const delay = Math.min(RETRY_LOW_MS * 2 ** this.#attempt++, RETRY_HIGH_MS);
    this.#retry = setTimeout(() => void this.#run(), delay);
  }

  #inWait(status: Subscription['status']): { waitingFor: WaitingFor; reason: string } | null | 'starting' {
    if (status.state === 'connected') return null;
    if ('lastError' in status) {
      return { waitingFor: 'in', reason: `${status.lastError.code}: ${status.lastError.message}` };
    }
    return 'starting';
  }

  async #handle(batch: readonly Delivery[]): Promise<void> {
    const { counters, log } = this.deps;
    const id = this.bridge.id;
    counters.inFlight(id, batch.length);
    try {
      counters.add(id, await processBatch(batch, this.#pipeline));
      if (this.#failedBatches > 0) log.info({ bridge: id }, 'bridge flows again');
      this.#failedBatches = 0;
      this.#state.batchPassed();
    } catch (error) {
      const waitingFor = batchWait(error);
      this.#state.batchFailed(waitingFor, error);
      if (this.#failedBatches++ === 0) {
        log.warn(
          { err: error, bridge: id },
          `bridge waits for ${waitingFor}; IN messages go back and come again`,
        );
      }
      throw error;
    } finally {
      counters.inFlight(id, -batch.length);
    }
  }
}

function batchWait(error: unknown): WaitingFor {
  if (error instanceof OutUnavailableError) return 'out';
  if (error instanceof MapperUnavailableError) return 'mapper';
  return 'store';
}

/**
 * For a bridge that is gone or reads another IN now (stop its runner first): deletes what IN's broker
 * keeps for it alone (NATS durable, Redis group, MQTT session). Best effort, like a queue mock's.
 */
export async function deleteBridgeReader(
  bridge: BridgeRecord,
  { connections, log }: Pick<RunnerDeps, 'connections' | 'log'>,
): Promise<void> {
  try {
    const client = connections.client(bridge.in.broker);
    const kind = connections.kind(bridge.in.broker) ?? client.kind;
    await client.deleteReader(bridge.in.queue, inDeclarations[kind](bridge));
  } catch (error) {
    log.warn(
      { err: error, bridge: bridge.id },
      "could not delete the bridge's IN consumer state on its broker; it stays there until removed by hand or expired",
    );
  }
}
