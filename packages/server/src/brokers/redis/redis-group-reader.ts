import type {
  BatchHandler,
  BrokerFault,
  BrokerStatus,
  Subscription,
} from '../../core/ports/broker-client.js';
import { expBackoff, type RetryBounds } from '../../core/retry/backoff.js';
import { DeliveryBatcher } from '../delivery-batcher.js';
import { StatusTracker } from '../status-tracker.js';
import { RedisConnection, type RedisConnectionSettings } from './redis-connection.js';
import { toDelivery } from './redis-entry-mapping.js';
import { faultOf, needsHuman } from './redis-faults.js';
import { ack, autoClaim, readGroup, removeIdleConsumers, type StreamEntry } from './redis-streams.js';
import { Wakeup } from './loop-wakeup.js';

interface RawEntry {
  entry: StreamEntry;
  receivedAt: Date;
  redelivered: boolean;
}

export interface GroupReaderSettings extends RetryBounds {
  prefetch: number;
  maxBatch: number;
  maxWaitMs: number;
  stream: string;
  group: string;
  consumer: string;
  claimIdleMs: number;
  blockMs: number;
  acquireTimeoutMs: number;
  /** The blocking XREADGROUP needs a connection of its own. */
  reader: RedisConnectionSettings;
  /** The client's shared connection, for XACK and XAUTOCLAIM. */
  commands: RedisConnection;
  /** Called on NOGROUP: re-creates the group if the declaration allows it, else throws. */
  recreateGroup: () => Promise<void>;
  onClosed: () => void;
}

/**
 * One queue mock's consumer in a Redis consumer group. Whenever it (re)starts, after a rejected batch,
 * after a lost connection and after claiming entries of a stopped consumer, it first re-reads its own
 * pending entries (ID 0 onwards) and only then new ones (`>`): an XREADGROUP whose reply was lost has
 * put entries in our pending list that nothing else would ever deliver. A batch is XACKed after the
 * handler resolved; Redis has no negative ack, a rejected batch simply stays pending and is re-read.
 */
export class RedisGroupReader implements Subscription {
  readonly target: string;
  readonly group: string;
  /** Our name in the group: the same after a restart, so we re-read our own pending entries first. */
  readonly consumer: string;
  readonly #settings: GroupReaderSettings;
  readonly #handler: BatchHandler;
  readonly #reader: RedisConnection;
  readonly #status = new StatusTracker();
  readonly #batcher: DeliveryBatcher<RawEntry>;
  readonly #wakeup = new Wakeup();
  readonly #acks = new Set<Promise<void>>();
  #held = 0;
  /** Paging through our own pending entries from here; null once they are all read. */
  #cursor: string | null = '0';
  #resync = true;
  #attempt = 0;
  #claimTimer: NodeJS.Timeout | undefined;
  #loop: Promise<void> | undefined;
  #closing = false;

  constructor(handler: BatchHandler, settings: GroupReaderSettings) {
    this.target = settings.stream;
    this.group = settings.group;
    this.consumer = settings.consumer;
    this.#handler = handler;
    this.#settings = settings;
    this.#reader = new RedisConnection(settings.reader);
    this.#batcher = new DeliveryBatcher<RawEntry>(
      {
        handle: (batch) =>
          this.#handler(batch.map((r) => toDelivery(settings.stream, r.entry, r.receivedAt, r.redelivered))),
        settle: (batch, ok) => this.#settle(batch, ok),
      },
      settings,
    );
  }

  get status(): BrokerStatus {
    return this.#status.status;
  }

  onStatusChange(listener: (status: BrokerStatus) => void): () => void {
    return this.#status.onStatusChange(listener);
  }

  start(): void {
    this.#status.followFaultsOf(this.#reader, () => (this.#resync = true));
    this.#reader.start();
    const every = Math.max(1000, this.#settings.claimIdleMs / 2);
    this.#claimTimer = setInterval(() => void this.#claim(), every);
    this.#loop = this.#run();
  }

  /** Entries read but not handed over stay pending for this consumer: its next start re-reads them. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    clearInterval(this.#claimTimer);
    this.#wakeup.wake();
    this.#batcher.stop();
    await this.#batcher.idle();
    await Promise.allSettled([...this.#acks]);
    await this.#reader.close(); // also ends an XREADGROUP blocked in the loop
    await this.#loop;
    this.#status.set({ state: 'closed' });
    this.#settings.onClosed();
  }

  async #run(): Promise<void> {
    while (!this.#closing) {
      try {
        await this.#reader.usable(`reading ${this.target}`, this.#settings.acquireTimeoutMs);
        if (this.#resync) await this.#resynchronise();
        if (this.#held >= this.#settings.prefetch) {
          await this.#wakeup.wait();
          continue;
        }
        const pendingOnly = this.#cursor !== null;
        this.#push(await this.#read(), pendingOnly);
        this.#attempt = 0;
        if (!this.#closing) this.#status.connected();
      } catch (err) {
        await this.#recover(faultOf(err));
      }
    }
  }

  /** Lets the batch in hand settle (its XACK included), forgets what is buffered, re-reads from ID 0. */
  async #resynchronise(): Promise<void> {
    this.#resync = false;
    await this.#batcher.idle();
    await Promise.allSettled([...this.#acks]);
    this.#held -= this.#batcher.buffered;
    this.#batcher.discardBuffered();
    this.#cursor = '0';
  }

  async #read(): Promise<StreamEntry[]> {
    const s = this.#settings;
    const request = {
      stream: s.stream,
      group: s.group,
      consumer: s.consumer,
      count: s.prefetch - this.#held,
    };
    const after = this.#cursor ?? '>';
    const entries = await readGroup(this.#reader.redis, { ...request, after, blockMs: s.blockMs });
    if (this.#cursor !== null) this.#cursor = entries.at(-1)?.id ?? null;
    return entries;
  }

  /** `redelivered`: read back from our own pending list, so delivered (at least) once before. */
  #push(entries: StreamEntry[], redelivered: boolean): void {
    const gone = entries.filter((e) => e.fields === null).map((e) => e.id);
    // Deleted while pending (XDEL, trimming): nothing to deliver, only to take off the pending list.
    if (gone.length > 0)
      this.#track(ack(this.#settings.commands.redis, this.target, this.#settings.group, gone));
    for (const entry of entries) {
      if (entry.fields === null || this.#closing) continue;
      this.#held += 1;
      this.#batcher.push({ entry, receivedAt: new Date(), redelivered });
    }
  }

  #settle(batch: readonly RawEntry[], ok: boolean): void {
    this.#held = Math.max(0, this.#held - batch.length);
    this.#wakeup.wake();
    if (!ok) {
      this.#resync = true;
      return;
    }
    const ids = batch.map((r) => r.entry.id);
    this.#track(this.#ack(ids));
  }

  /** An XACK waits for the connection (briefly); if it cannot be sent, the entries are re-read instead. */
  async #ack(ids: string[]): Promise<void> {
    const { commands, group, acquireTimeoutMs } = this.#settings;
    try {
      await commands.usable(`acking ${this.target}`, acquireTimeoutMs);
      await ack(commands.redis, this.target, group, ids);
    } catch {
      this.#resync = true;
      this.#wakeup.wake();
    }
  }

  #track(work: Promise<void>): void {
    const tracked = work.catch(() => {}).finally(() => this.#acks.delete(tracked));
    this.#acks.add(tracked);
  }

  async #recover(fault: BrokerFault): Promise<void> {
    if (this.#closing) return;
    this.#resync = true;
    if (fault.code === 'NOGROUP') {
      // Reported, then re-created after the low backoff rather than at once: when the queue mock was
      // deleted on another node (which removed the group), its owner hears of it meanwhile and closes
      // this reader instead of it bringing the group back.
      this.#status.fault(fault, false);
      await this.#wakeup.wait(this.#settings.retryLowMs);
      if (this.#closing) return;
      try {
        await this.#settings.recreateGroup();
        return;
      } catch (err) {
        fault = faultOf(err);
      }
    }
    // While the connection is down its own fault is the status already.
    if (this.#reader.status.state === 'connected') this.#status.fault(fault, needsHuman(fault));
    const delay = expBackoff(this.#settings.retryLowMs, this.#settings.retryHighMs, ++this.#attempt);
    await this.#wakeup.wait(delay);
  }

  /**
   * Takes over entries a stopped consumer left pending (they are then re-read like our own), then
   * forgets stopped consumers that hold nothing any more, so their names do not pile up in the group.
   */
  async #claim(): Promise<void> {
    const { commands, stream, group, consumer, claimIdleMs, blockMs } = this.#settings;
    if (this.#closing || commands.status.state !== 'connected') return;
    try {
      const claimed = await autoClaim(commands.redis, { stream, group, consumer, minIdleMs: claimIdleMs });
      if (claimed > 0) {
        this.#resync = true;
        this.#wakeup.wake();
      }
      // A live reader reads at least every blockMs; one idle far longer than that has stopped.
      const minIdleMs = Math.max(claimIdleMs, 4 * blockMs);
      await removeIdleConsumers(commands.redis, { stream, group, self: consumer, minIdleMs });
    } catch {
      // Best effort (a server that refuses EVAL only keeps the names): the next round tries again.
    }
  }
}
