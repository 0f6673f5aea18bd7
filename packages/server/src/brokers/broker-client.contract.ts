import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeliveryLog,
  publishRange,
  recordStates,
  waitUntil,
  type BrokerContractHarness,
  type ContractContext,
} from './broker-contract.fixture.js';
import type { BrokerClient } from '../core/ports/broker-client.js';
import { describeBrokerFaultContract } from './broker-fault.contract.js';

/**
 * The behaviour every BrokerClient adapter must show against its real broker (hono's
 * `common.case.test.ts` idea): run it from the adapter's `*.int.test.ts` with that kind's harness.
 */
export function describeBrokerClientContract(
  kind: string,
  harness: BrokerContractHarness,
  part: 'behaviour' | 'faults' = 'behaviour',
): void {
  // Fault tests drop every connection or restart the broker, so they run in the serial `faults`
  // project (after everything else), never beside other suites that share the broker; each part
  // registers only its own tests.
  const test = (name: string, body: () => Promise<void>, timeoutMs?: number) => {
    if (part === 'behaviour') it(name, body, timeoutMs);
  };
  describe(`BrokerClient contract: ${kind} (${part})`, () => {
    const clients: BrokerClient[] = [];
    const targets: string[] = [];
    const ctx: ContractContext = {
      harness,
      async open() {
        const client = harness.createClient();
        clients.push(client);
        expect((await client.connect()).state).toBe('connected');
        return client;
      },
      async fresh(client) {
        const target = harness.newTarget();
        targets.push(target);
        await client.declare(target, harness.declareOptions(target));
        return target;
      },
      report(test, counts) {
        const figures = Object.entries(counts).map(([k, v]) => `${k}=${v}`);
        console.info(`[broker contract ${kind}] ${test}: ${figures.join(' ')}`);
      },
    };

    afterAll(async () => {
      await harness.teardown?.();
    });

    afterEach(async () => {
      await Promise.allSettled(clients.splice(0).map((c) => c.close()));
      const admin = harness.createClient();
      await admin.connect();
      for (const target of targets.splice(0)) await admin.deleteQueue(target).catch(() => {});
      await admin.close();
    });

    test('connects, reports connected to listeners, and reports closed after close', async () => {
      const client = harness.createClient();
      const states = recordStates(client);
      expect((await client.connect()).state).toBe('connected');
      await client.close();
      expect(states.map((s) => s.state)).toEqual(['connecting', 'connected', 'closed']);
    });

    test('declares a target, and declaring it again is harmless', async () => {
      const client = await ctx.open();
      const target = await ctx.fresh(client);
      await expect(client.declare(target, harness.declareOptions(target))).resolves.toBeUndefined();
    });

    test('confirms a publish and delivers a binary body byte for byte', async () => {
      const client = await ctx.open();
      const target = await ctx.fresh(client);
      const body = Buffer.from([0, 1, 2, 254, 255]);
      const receipt = await client.publish(target, {
        body,
        headers: { 'x-test': 'yes', 'x-count': 7 },
        properties: { messageId: 'm-1', correlationId: 'c-1', contentType: 'application/octet-stream' },
      });
      expect(receipt.messageId).toBe('m-1');
      const received: Buffer[] = [];
      const sub = client.consume(target, async (batch) => void received.push(...batch.map((d) => d.body)), {
        prefetch: 10,
      });
      await waitUntil('the message arrived', () => received.length === 1);
      await sub.close();
      expect(received[0]).toEqual(body);
    });

    test('delivers every field of a message to the handler', async () => {
      const client = await ctx.open();
      const target = await ctx.fresh(client);
      const before = new Date();
      await client.publish(target, {
        body: Buffer.from('{"seq":1}'),
        headers: { 'x-test': 'yes', 'x-count': 7 },
        properties: { messageId: 'm-2', correlationId: 'c-2', contentType: 'application/json' },
      });
      const log = new DeliveryLog();
      const sub = client.consume(target, log.handler, { prefetch: 10 });
      await log.waitForDistinct(1);
      await sub.close();
      const [delivery] = log.deliveries;
      expect(delivery?.body.toString()).toBe('{"seq":1}');
      expect(delivery?.headers).toMatchObject({ 'x-test': 'yes', 'x-count': 7 });
      expect(delivery?.properties).toMatchObject({ correlationId: 'c-2', contentType: 'application/json' });
      expect(delivery?.brokerMessageId ?? 'm-2').toBe('m-2');
      expect(delivery?.subject).toBe(target);
      expect(delivery?.redelivered).toBe(false);
      expect(delivery?.receivedAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    });

    test('hands over batches of at most maxBatch, in publish order', async () => {
      const client = await ctx.open();
      const target = await ctx.fresh(client);
      for (let from = 0; from < 300; from += 100) await publishRange(client, target, from, from + 100);
      const log = new DeliveryLog();
      const sub = client.consume(target, log.handler, { prefetch: 100, maxBatch: 50 });
      await log.waitForDistinct(300);
      await sub.close();
      expect(Math.max(...log.batchSizes)).toBeLessThanOrEqual(50);
      expect(Math.max(...log.batchSizes)).toBeGreaterThan(1);
      expect(log.order).toEqual(Array.from({ length: 300 }, (_, i) => i));
      ctx.report('batches', {
        messages: 300,
        batches: log.batchSizes.length,
        largest: Math.max(...log.batchSizes),
      });
    });

    test('acks only after the handler resolves: a rejected batch comes back, nothing is lost', async () => {
      const client = await ctx.open();
      const target = await ctx.fresh(client);
      const published = await publishRange(client, target, 0, 20);
      const log = new DeliveryLog((_, call) => {
        if (call === 1) throw new Error('store is down');
      });
      const sub = client.consume(target, log.handler, { prefetch: 20, maxBatch: 20, maxWaitMs: 50 });
      await log.waitForDistinct(20);
      await sub.close();
      expect(log.lost(published)).toEqual([]);
      expect(log.calls).toBeGreaterThan(1);
      expect(log.redelivered.has(0)).toBe(true);
      expect(log.order.slice(0, 20)).toEqual(published);
    });

    test('stops delivering after the subscription closes and leaves the rest on the broker', async () => {
      const client = await ctx.open();
      const target = await ctx.fresh(client);
      await publishRange(client, target, 0, 5);
      const first = new DeliveryLog();
      const sub = client.consume(target, first.handler, { prefetch: 1, maxBatch: 1 });
      await first.waitForDistinct(1);
      await sub.close();
      expect(sub.status.state).toBe('closed');
      const handled = first.distinct;
      await publishRange(client, target, 5, 6);
      await sleep(200);
      expect(first.distinct).toBe(handled);
      const second = new DeliveryLog();
      const again = client.consume(target, second.handler, { prefetch: 10 });
      await second.waitForDistinct(6 - handled);
      await again.close();
      expect(first.distinct + second.distinct).toBe(6);
    });

    test('refuses a prefetch of 0 as a programming error, before touching the broker', async () => {
      const client = await ctx.open();
      expect(() => client.consume(harness.newTarget(), async () => {}, { prefetch: 0 })).toThrow(/prefetch/);
    });

    if (part === 'faults') describeBrokerFaultContract(ctx);
  });
}
