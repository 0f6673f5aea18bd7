import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTally, tally } from './bridge-fault.fixture.js';
import { publishFlow } from './brokers/rabbitmq/rabbitmq-producer-flow.fixture.js';
import { BridgeAmqp, bridgeOf, createBridge } from './http/admin/bridge-test.fixture.js';
import { startQueueApp, waitFor, type QueueTestApp } from './http/admin/queue-test.fixture.js';
import { serviceAvailable } from './testing/services.js';

const up = await serviceAvailable('rabbitmq');

const EVERY_TENTH = [
  'def mapper(body, headers):',
  '    if body["seq"] % 10 == 9:',
  '        raise RuntimeError("tenth " + str(body["seq"]))',
  '    return {"seq": body["seq"]}',
].join('\n');
const NEVER_RETURNS = [
  'import time',
  'def mapper(body, headers):',
  '    if body["seq"] % 50 == 25:',
  '        while True:',
  '            time.sleep(1)',
  '    return {"seq": body["seq"]}',
].join('\n');

interface Letter {
  body: { seq: number };
  error: { kind: string };
  attempts: number;
}

describe.skipIf(!up)('bridges when the mapper fails', () => {
  let t: QueueTestApp;
  let amqp: BridgeAmqp;
  beforeAll(async () => {
    t = await startQueueApp();
    await t.broker('local');
    amqp = new BridgeAmqp();
  });
  afterAll(async () => {
    await t?.close();
    await amqp?.close();
  });

  async function run(code: string, total: number, extra: Record<string, unknown>) {
    const [queueIn, queueOut] = [await amqp.queue('in'), await amqp.queue('out')];
    const out = amqp.collect(queueOut);
    const bridge = await createBridge(t.admin, {
      in: { broker: 'local', queue: queueIn },
      out: { broker: 'local', queue: queueOut },
      mapper: { kind: 'python', code, ...extra },
      retry: { attempts: 2, backoffMs: 5 },
    });
    const flow = publishFlow(queueIn, total, 2, 10_000, 'message-id');
    await flow.done;
    await flow.close();
    const done = await waitFor(
      'all IN handled',
      () => bridgeOf(t.admin, bridge.id),
      (b) => b.stats.in >= total,
      120_000,
    );
    await sleep(300);
    const letters = (await t.admin.get(`/internal/bridges/${bridge.id}/dead-letters?limit=500`)).json()
      .items as Letter[];
    await out.close();
    return { out: out.messages, letters, stats: done.stats, confirmed: flow.confirmed };
  }

  it('A MAPPER FAILING ON EVERY 10th MESSAGE: exactly those become dead letters, the rest flow; lost = 0', async () => {
    const total = 1000;
    const { out, letters, stats, confirmed } = await run(EVERY_TENTH, total, {});
    const deadSeqs = letters.map((l) => l.body.seq).sort((a, b) => a - b);
    const expected = [...Array(total).keys()].filter((s) => s % 10 === 9);
    const result = tally(
      out,
      [...confirmed].filter((s) => s % 10 !== 9),
    );
    console.info(
      `[bridge faults] mapper fails every 10th: published=${confirmed.size} deadLetters=${letters.length} ` +
        `${describeTally(result)} stats=${JSON.stringify(stats)}`,
    );
    expect(deadSeqs).toEqual(expected);
    expect(letters.every((l) => l.error.kind === 'exception' && l.attempts === 2)).toBe(true);
    expect(result.lost).toBe(0);
    expect(result.distinct).toBe(900);
    expect(stats).toMatchObject({ in: 1000, out: 900, dead: 100, deadLetters: 100 });
  }, 180_000);

  it('A MAPPER THAT NEVER RETURNS: the call times out, the message is a dead letter, the bridge goes on; lost = 0', async () => {
    const total = 200;
    const { out, letters, stats, confirmed } = await run(NEVER_RETURNS, total, { timeoutMs: 300 });
    const stuck = [...Array(total).keys()].filter((s) => s % 50 === 25);
    const result = tally(
      out,
      [...confirmed].filter((s) => s % 50 !== 25),
    );
    console.info(
      `[bridge faults] mapper never returns: published=${confirmed.size} deadLetters=${letters.length} ` +
        `${describeTally(result)} stats=${JSON.stringify(stats)}`,
    );
    expect(letters.map((l) => l.body.seq).sort((a, b) => a - b)).toEqual(stuck);
    expect(letters.every((l) => l.error.kind === 'timeout')).toBe(true);
    expect(result.lost).toBe(0);
    expect(result.distinct).toBe(total - stuck.length);
  }, 180_000);
});
