import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { closeConnectionsNamed, restartRabbitmqApp } from './brokers/rabbitmq/rabbitmqctl.fixture.js';
import { startQueueApp, waitFor } from './http/admin/queue-test.fixture.js';
import { publishFlow } from './brokers/rabbitmq/rabbitmq-producer-flow.fixture.js';
import { serviceAvailable } from './testing/services.js';

const up = await serviceAvailable('rabbitmq');

describe.skipIf(!up)('queue intake under broker faults', () => {
  it('DROPS THE CONNECTION AND RESTARTS THE BROKER while 10k messages flow: lost = 0, duplicates counted', async () => {
    const t = await startQueueApp();
    try {
      const broker = await t.broker('local');
      const mock = await t.queueMock({ retention: { maxMessages: 1_000_000 } });
      const store = t.app.stores.queueMessages;
      const total = 10_000;
      const flow = publishFlow(mock.queue, total, 10, 2500, 'same-bytes');
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
