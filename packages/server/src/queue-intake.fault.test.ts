import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from 'rabbitmq-client';
import { describe, expect, it } from 'vitest';
import { closeConnectionsNamed, restartRabbitmqApp } from './brokers/rabbitmq/rabbitmqctl.fixture.js';
import { startQueueApp, waitFor } from './http/admin/queue-test.fixture.js';
import { SERVICES, serviceAvailable } from './testing/services.js';

const up = await serviceAvailable('rabbitmq');

interface Flow {
  confirmed: Set<number>;
  retries: number;
  done: Promise<void>;
}

/**
 * An at-least-once producer on its own connection: `workers` loops publish seq 0…total-1, each retried
 * until the broker confirms it, about `perSecond` in all, so faults land while messages flow.
 */
function publishFlow(
  queue: string,
  total: number,
  workers: number,
  perSecond: number,
): Flow & { close(): Promise<void> } {
  const conn = new Connection({
    url: SERVICES.rabbitmq.url,
    retryLow: 100,
    retryHigh: 1000,
    connectionName: `${queue}-producer`,
  });
  conn.on('error', () => {});
  const pub = conn.createPublisher({ confirm: true, maxAttempts: 1 });
  const flow: Flow = { confirmed: new Set(), retries: 0, done: Promise.resolve() };
  let next = 0;
  const pause = (1000 * workers) / perSecond;
  const worker = async () => {
    for (let seq = next++; seq < total; seq = next++) {
      for (;;) {
        try {
          await pub.send({ routingKey: queue, durable: true }, { seq });
          flow.confirmed.add(seq);
          break;
        } catch {
          flow.retries += 1;
          await sleep(100);
        }
      }
      await sleep(pause);
    }
  };
  flow.done = Promise.all(Array.from({ length: workers }, worker)).then(() => undefined);
  return { ...flow, close: async () => (await pub.close(), await conn.close()) };
}

describe.skipIf(!up)('queue intake under broker faults', () => {
  it('DROPS THE CONNECTION AND RESTARTS THE BROKER while 10k messages flow: lost = 0, duplicates counted', async () => {
    const t = await startQueueApp();
    try {
      const broker = await t.broker('local');
      const mock = await t.queueMock({ retention: { maxMessages: 1_000_000 } });
      const store = t.app.stores.queueMessages;
      const total = 10_000;
      const flow = publishFlow(mock.queue, total, 10, 2500);
      const kept = () => store.count(mock.id);
      await waitFor('2000 kept', kept, (n) => n >= 2000, 30_000);
      const atDrop = `published=${flow.confirmed.size},kept=${await kept()}`;
      await closeConnectionsNamed(String(broker.connectionName));
      await waitFor('5000 kept after the drop', kept, (n) => n >= 5000, 60_000);
      const atRestart = `published=${flow.confirmed.size},kept=${await kept()}`;
      await restartRabbitmqApp(3000);
      await flow.done;
      await flow.close();
      const rows = await waitFor(
        'every confirmed message kept',
        () => store.list(mock.id, {}, 1_000_000),
        (r) => new Set(r.map((m) => (m.body.value as { seq: number }).seq)).size >= flow.confirmed.size,
        120_000,
      );
      await sleep(500); // let stragglers (redeliveries) land, to count them too
      const all = await store.list(mock.id, {}, 1_000_000);
      const seqs = all.map((m) => (m.body.value as { seq: number }).seq);
      const distinct = new Set(seqs);
      const lost = [...flow.confirmed].filter((seq) => !distinct.has(seq)).length;
      const redelivered = all.filter((m) => m.redelivered).length;
      console.info(
        `[queue intake faults] connection drop + broker restart: published=${flow.confirmed.size} ` +
          `stored=${all.length} distinct=${distinct.size} lost=${lost} duplicates=${seqs.length - distinct.size} ` +
          `redelivered=${redelivered} publishRetries=${flow.retries} atDrop(${atDrop}) atRestart(${atRestart})`,
      );
      expect(flow.confirmed.size).toBe(total);
      expect(lost).toBe(0);
      expect(rows.length).toBeGreaterThanOrEqual(total);
      await waitFor(
        'the consumer is back',
        async () => (await t.admin.get(`/internal/queues/${mock.id}`)).json(),
        (m) => m.status.state === 'connected',
      );
    } finally {
      await t.close();
    }
  }, 180_000);
});
