import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { BrokerUnavailableError, type BrokerClient } from '../core/ports/broker-client.js';
import {
  DeliveryLog,
  publishRange,
  recordStates,
  testBody,
  waitForState,
  waitUntil,
  type ContractContext,
} from './broker-contract.fixture.js';

interface PublishLoopResult {
  attempted: number;
  confirmed: number[];
  unavailable: number;
}

/**
 * Publishes seq 0, 1, 2, … from `workers` concurrent loops until `until(confirmedCount)` holds.
 * With `retry` a seq is retried until confirmed (an at-least-once producer); without, it is given up.
 */
async function publishLoops(
  client: BrokerClient,
  target: string,
  options: {
    workers: number;
    retry: boolean;
    until: (confirmed: number) => boolean;
    /** Holds publishing while false (a broker that drops what it cannot queue). */
    mayPublish?: (attempted: number) => boolean;
  },
): Promise<PublishLoopResult> {
  const result: PublishLoopResult = { attempted: 0, confirmed: [], unavailable: 0 };
  const worker = async (): Promise<void> => {
    while (!options.until(result.confirmed.length)) {
      if (options.mayPublish && !options.mayPublish(result.attempted)) {
        await sleep(10);
        continue;
      }
      const seq = result.attempted++;
      for (;;) {
        try {
          await client.publish(target, { body: testBody(seq) });
          result.confirmed.push(seq);
          break;
        } catch (err) {
          if (!(err instanceof BrokerUnavailableError)) throw err;
          result.unavailable += 1;
          if (!options.retry) break;
          await sleep(100);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: options.workers }, worker));
  return result;
}

/** Runs `fault` once when `trigger` first holds, without blocking the caller; tells when it is over. */
class OneShotFault {
  #done: Promise<void> | undefined;
  #error: unknown;
  finished = false;

  constructor(private readonly fault: () => Promise<void>) {}

  fireWhen(trigger: boolean): void {
    if (!trigger || this.#done) return;
    // Kept as a settled-either-way promise so a failing fault never surfaces as an unhandled rejection;
    // settled() rethrows it inside the test.
    this.#done = this.fault().then(
      () => {
        this.finished = true;
      },
      (err: unknown) => {
        this.finished = true;
        this.#error = err;
      },
    );
  }

  get fired(): boolean {
    return this.#done !== undefined;
  }

  async settled(): Promise<void> {
    await this.#done;
    if (this.#error !== undefined) throw this.#error;
  }
}

/** Faults: connection drops, unreachable hosts, refused credentials, a server restart. */
export function describeBrokerFaultContract(ctx: ContractContext): void {
  const { harness } = ctx;
  // Publishers stay this far below a broker's per-consumer queue limit (if it has one), so what the
  // tests count is the adapter's doing, not the broker dropping a queue that is full.
  const belowBacklog = (log: DeliveryLog, published: number, more = 0): boolean =>
    harness.maxBacklog === undefined || published + more - log.distinct <= harness.maxBacklog;

  describe('faults', () => {
    const batchInHand = harness.acksSurviveReconnect
      ? 'acks the batch in hand once reconnected when the connection drops before its ack'
      : 'redelivers the batch in hand when the connection drops before its ack';
    it(batchInHand, async () => {
      const client = await ctx.open();
      const target = await ctx.fresh(client);
      const published = await publishRange(client, target, 0, 10);
      const log = new DeliveryLog(async (_, call) => {
        if (call === 1) await harness.dropConnection(client);
      });
      const sub = client.consume(target, log.handler, { prefetch: 10, maxBatch: 10, maxWaitMs: 50 });
      const states = recordStates(sub);
      await log.waitForDistinct(10, 20_000);
      if (!harness.acksSurviveReconnect) {
        await waitUntil('the batch in hand came back', () => log.redelivered.size > 0, 20_000);
      }
      await waitForState(sub, 'connected');
      await sleep(300); // a redelivery after all would show up here, and be counted
      expect(log.lost(published)).toEqual([]);
      expect(states.map((s) => s.state)).toContain('reconnecting');
      ctx.report('batch in hand during drop', { published: 10, lost: 0, duplicates: log.duplicates });
    });

    it('resumes consuming after the connection drops mid-stream: lost = 0, duplicates counted', async () => {
      const publisher = await ctx.open();
      const consumer = await ctx.open();
      const target = await ctx.fresh(publisher);
      const total = 6000;
      const first = new OneShotFault(() => harness.dropConnection(consumer));
      const second = new OneShotFault(() => harness.dropConnection(consumer));
      // A store that takes 40 ms per batch keeps a backlog, so each drop catches batches in flight; the
      // second drop waits for 500 messages after the first reconnect so both land mid-stream.
      let afterFirst: number | undefined;
      const log = new DeliveryLog(async () => {
        await sleep(40);
        first.fireWhen(log.distinct >= 1000);
        if (first.finished) afterFirst ??= log.distinct;
        second.fireWhen(afterFirst !== undefined && log.distinct >= afterFirst + 500);
      });
      const sub = consumer.consume(target, log.handler, { prefetch: 100, maxBatch: 50 });
      const states = recordStates(sub);
      const published: number[] = [];
      for (let from = 0; from < total; from += 500) {
        // Half the messages wait for the first drop to finish (slow when the machine is loaded), so
        // the second one still lands mid-stream.
        if (from === total / 2) await waitUntil('the first drop is over', () => first.finished, 60_000);
        await waitUntil('the backlog is below the broker limit', () => belowBacklog(log, from, 500), 60_000);
        published.push(...(await publishRange(publisher, target, from, from + 500)));
      }
      await log.waitForDistinct(total, 60_000);
      await Promise.all([first.settled(), second.settled()]);
      const lost = log.lost(published).length;
      ctx.report('consumer connection dropped twice', { published: total, lost, duplicates: log.duplicates });
      expect(lost).toBe(0);
      expect(second.fired).toBe(true);
      expect(states.filter((s) => s.state === 'reconnecting').length).toBeGreaterThanOrEqual(2);
      await waitForState(sub, 'connected');
    }, 90_000);

    it('a publish across a dropped connection confirms or fails as unavailable; every confirmed one arrives', async () => {
      const publisher = await ctx.open();
      const consumer = await ctx.open();
      const target = await ctx.fresh(consumer);
      const log = new DeliveryLog();
      consumer.consume(target, log.handler, { prefetch: 500 });
      const states = recordStates(publisher);
      const drop = new OneShotFault(() => harness.dropConnection(publisher));
      let confirmedAtReconnect: number | undefined;
      const result = await publishLoops(publisher, target, {
        workers: 20,
        retry: false,
        mayPublish: (attempted) => belowBacklog(log, attempted),
        until: (confirmed) => {
          drop.fireWhen(confirmed >= 500);
          if (drop.finished && publisher.status.state === 'connected') confirmedAtReconnect ??= confirmed;
          return confirmedAtReconnect !== undefined && confirmed >= confirmedAtReconnect + 500;
        },
      });
      await drop.settled();
      await log.waitForDistinct(result.confirmed.length, 20_000);
      await sleep(300); // let messages whose confirm was lost in the drop arrive too, to count them
      const lost = log.lost(result.confirmed).length;
      ctx.report('publisher connection dropped', {
        attempted: result.attempted,
        confirmed: result.confirmed.length,
        unavailable: result.unavailable,
        lost,
        deliveredWithoutConfirm: log.distinct - result.confirmed.length,
      });
      expect(lost).toBe(0);
      expect(result.confirmed.length + result.unavailable).toBe(result.attempted);
      expect(states.map((s) => s.state)).toContain('reconnecting');
    }, 60_000);

    it('reports an unreachable host in its status, without throwing or flooding', async () => {
      const client = await harness.createUnreachableClient();
      const states = recordStates(client);
      const status = await client.connect();
      expect(['reconnecting', 'failed']).toContain(status.state);
      expect(status.state !== 'connected' && 'lastError' in status && status.lastError.message).toBeTruthy();
      await expect(client.publish('nowhere', { body: testBody(0) })).rejects.toBeInstanceOf(
        BrokerUnavailableError,
      );
      await sleep(1500);
      expect(states.length).toBeLessThanOrEqual(3);
      await client.close();
      expect(client.status.state).toBe('closed');
    });

    it.skipIf(!harness.createClientWithWrongCredentials)(
      'reports refused credentials as failed with the broker reason, fails operations fast, does not flood',
      async () => {
        const client = await harness.createClientWithWrongCredentials!();
        const states = recordStates(client);
        const status = await client.connect();
        expect(status.state).toBe('failed');
        expect(status.state === 'failed' && status.lastError.message).toMatch(
          /refused|auth|denied|not authorized/i,
        );
        const started = Date.now();
        await expect(client.declare(harness.newTarget(), harness.declareOptions('x'))).rejects.toBeInstanceOf(
          BrokerUnavailableError,
        );
        expect(Date.now() - started).toBeLessThan(500);
        const sub = client.consume(harness.newTarget(), async () => {}, { prefetch: 1 });
        await waitForState(sub, 'failed', 10_000);
        expect(sub.status.state === 'failed' && sub.status.lastError.code).toBe(
          status.state === 'failed' && status.lastError.code,
        );
        await sleep(2000); // several retries happen here; none may add a status event
        expect(states.map((s) => s.state)).toEqual(['connecting', 'failed']);
        await client.close();
      },
    );

    const keepsData = harness.restartKeepsData ?? true;
    it.skipIf(!harness.restartServer)(
      keepsData
        ? 'RESTARTS THE BROKER: survives a full server restart while messages flow, lost = 0'
        : 'RESTARTS THE BROKER (keeps no data): resumes after a restart; all confirmed after it arrives',
      async () => {
        const publisher = await ctx.open();
        const consumer = await ctx.open();
        const target = await ctx.fresh(publisher);
        const log = new DeliveryLog(() => sleep(5));
        const sub = consumer.consume(target, log.handler, { prefetch: 200, maxBatch: 100 });
        const restart = new OneShotFault(() => harness.restartServer!());
        let confirmedAfter: number | undefined;
        const result = await publishLoops(publisher, target, {
          workers: 20,
          retry: true, // an at-least-once producer: retry until confirmed
          mayPublish: (attempted) => belowBacklog(log, attempted),
          until: (confirmed) => {
            restart.fireWhen(confirmed >= 2000);
            if (restart.finished && publisher.status.state === 'connected') confirmedAfter ??= confirmed;
            return confirmedAfter !== undefined && confirmed >= confirmedAfter + 2000;
          },
        });
        await restart.settled();
        // A server that keeps nothing can only be held to what it confirmed once it was back.
        const required = keepsData ? result.confirmed : result.confirmed.slice(confirmedAfter);
        await log.waitForAll(required, 60_000);
        await sleep(keepsData ? 0 : 1000); // let late survivors from before the restart be counted
        const lost = log.lost(result.confirmed).length;
        ctx.report('server restart', {
          published: result.confirmed.length,
          lost,
          lostConfirmedAfterRestart: log.lost(required).length,
          duplicates: log.duplicates,
          publishRetries: result.unavailable,
        });
        if (keepsData) expect(lost).toBe(0);
        expect(log.lost(required)).toEqual([]);
        await waitForState(sub, 'connected');
      },
      180_000,
    );
  });
}
