import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { describeTally, tally } from './bridge-fault.fixture.js';
import { publishFlow } from './brokers/rabbitmq/rabbitmq-producer-flow.fixture.js';
import { prefetchFor } from './core/bridging/bridge-defaults.js';
import { awaitQueueSettled, restartRabbitmqApp } from './brokers/rabbitmq/rabbitmqctl.fixture.js';
import { BridgeAmqp, bridgeOf, createBridge, received } from './http/admin/bridge-test.fixture.js';
import { startQueueApp, waitFor, type QueueTestApp } from './http/admin/queue-test.fixture.js';
import { serviceAvailable } from './testing/services.js';

const up = await serviceAvailable('rabbitmq');
const SEQ = 'def mapper(body, headers):\n    return {"seq": body["seq"]}';

describe.skipIf(!up)('bridges under broker faults', () => {
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

  it('OUT QUEUE DELETED mid-stream: IN stays unacked, the bridge waits, resumes when OUT is back; lost = 0', async () => {
    const [queueIn, queueOut] = [await amqp.queue('in'), await amqp.queue('out')];
    const before = amqp.collect(queueOut);
    const bridge = await createBridge(t.admin, {
      in: { broker: 'local', queue: queueIn },
      out: { broker: 'local', queue: queueOut },
      mapper: { kind: 'python', code: SEQ },
    });
    const total = 3000;
    const flow = publishFlow(queueIn, total, 4, 1500, 'message-id');
    onTestFinished(() => flow.close());
    await received(before, 500, 30_000);
    // The test's own reader stops first, so what it holds unacked goes back into OUT and is counted.
    await before.close();
    await awaitQueueSettled(queueOut);
    const { messageCount: deletedWithOut } = await amqp.conn.queueDelete({ queue: queueOut });
    const waiting = await waitFor(
      'the bridge waits for OUT',
      () => bridgeOf(t.admin, bridge.id),
      (b) => b.status.state === 'waiting',
    );
    expect(waiting.status).toMatchObject({ waitingFor: 'out', message: expect.stringContaining('NO_ROUTE') });
    await flow.done;
    await sleep(1500);
    const { messageCount: waitingInIn } = await amqp.conn.queueDeclare({ queue: queueIn, passive: true });
    expect(waitingInIn).toBeGreaterThan(0);
    await amqp.conn.queueDeclare({ queue: queueOut, durable: true });
    const after = amqp.collect(queueOut);
    onTestFinished(() => after.close());
    const everything = () => [...before.messages, ...after.messages];
    await waitFor(
      'every message on OUT but those deleted with it',
      () => new Set(everything().map((m) => (m.body as { seq: number }).seq)).size,
      (n) => n >= total - deletedWithOut - prefetchFor(1),
      90_000,
    );
    await sleep(500);
    const result = tally(everything(), flow.confirmed);
    console.info(
      `[bridge faults] OUT deleted mid-stream: published=${flow.confirmed.size} deletedWithOutQueue=${deletedWithOut} ` +
        `receivedBeforeDelete=${before.messages.length} leftInIn=${waitingInIn} ${describeTally(result)}`,
    );
    // Messages in OUT when it was deleted went with it (the test's own doing), and so did the bridge's
    // publishes that were being routed into OUT as it went: RabbitMQ confirms a message whose queue was
    // deleted under it. Those are at most the bridge's in-flight window; nothing else may miss.
    const lostOnTheWay = result.lost - deletedWithOut;
    console.info(`[bridge faults] OUT deleted: lost beyond the deleted queue's count = ${lostOnTheWay}`);
    expect(lostOnTheWay).toBeLessThanOrEqual(prefetchFor(1));
    expect(result.idMismatches).toBe(0);
    expect((await bridgeOf(t.admin, bridge.id)).status.state).toBe('running');
  }, 180_000);

  it('RABBITMQ RESTARTED while 10,000 messages flow: lost = 0, duplicates keep their message id', async () => {
    const [queueIn, queueOut] = [await amqp.queue('in'), await amqp.queue('out')];
    const out = amqp.collect(queueOut);
    onTestFinished(() => out.close());
    const bridge = await createBridge(t.admin, {
      in: { broker: 'local', queue: queueIn },
      out: { broker: 'local', queue: queueOut },
      mapper: { kind: 'python', code: SEQ },
      concurrency: 2,
    });
    const total = 10_000;
    const flow = publishFlow(queueIn, total, 10, 2500, 'same-bytes');
    onTestFinished(() => flow.close());
    await received(out, 2000, 60_000);
    const atRestart = `published=${flow.confirmed.size},out=${out.messages.length}`;
    await restartRabbitmqApp(3000);
    await flow.done;
    const distinct = () => new Set(out.messages.map((m) => (m.body as { seq: number }).seq)).size;
    await waitFor('every confirmed message on OUT', distinct, (n) => n >= flow.confirmed.size, 150_000);
    await sleep(1000);
    const result = tally(out.messages, flow.confirmed);
    const stats = (await bridgeOf(t.admin, bridge.id)).stats;
    console.info(
      `[bridge faults] RabbitMQ restarted mid-stream: published=${flow.confirmed.size} publishRetries=${flow.retries} ` +
        `atRestart(${atRestart}) ${describeTally(result)} bridgeStats=${JSON.stringify(stats)}`,
    );
    expect(flow.confirmed.size).toBe(total);
    expect(result.lost).toBe(0);
    // A redelivered IN message goes out again with the same id (the hash of what the broker holds).
    expect(result.idMismatches).toBe(0);
    await waitFor(
      'running again',
      () => bridgeOf(t.admin, bridge.id),
      (b) => b.status.state === 'running',
    );
  }, 240_000);
});
