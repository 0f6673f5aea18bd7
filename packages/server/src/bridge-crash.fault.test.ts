import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTally, tally } from './bridge-fault.fixture.js';
import { publishFlow } from './brokers/rabbitmq/rabbitmq-producer-flow.fixture.js';
import { apiOf, signIn, startServerProcess } from './bridge-server.fixture.js';
import { BridgeAmqp, received } from './http/admin/bridge-test.fixture.js';
import { waitFor } from './http/admin/queue-test.fixture.js';
import { SERVICES, serviceAvailable } from './testing/services.js';
import { tempSqliteUrl } from './testing/temp-sqlite.js';

const up = await serviceAvailable('rabbitmq');
const root = fileURLToPath(new URL('../../..', import.meta.url));
// A few milliseconds per message keeps a batch in hand long enough that the kill lands between OUT
// confirms and the IN ack: published OUT, not yet acked IN.
const SLOW_SEQ =
  'import time\ndef mapper(body, headers):\n    time.sleep(0.002)\n    return {"seq": body["seq"]}';

interface BridgeAnswer {
  id: string;
  stats: { in: number; out: number };
  status: { state: string };
}

describe.skipIf(!up)('bridges when Understudy itself is killed', () => {
  const db = tempSqliteUrl();
  let amqp: BridgeAmqp;
  const uidBase = 62_000 + 64 * Math.floor(Math.random() * 400);
  beforeAll(async () => {
    // The test runs the built server; make sure the build is current.
    await promisify(execFile)('npx', ['tsc', '-b', 'packages/server'], { cwd: root });
    amqp = new BridgeAmqp();
  }, 180_000);
  afterAll(async () => {
    await amqp?.close();
    db.remove();
  });

  it('SIGKILL between OUT confirms and the IN ack: lost = 0, every duplicate keeps its message id', async () => {
    const [queueIn, queueOut] = [await amqp.queue('in'), await amqp.queue('out')];
    const out = amqp.collect(queueOut);
    const first = await startServerProcess(db.url, uidBase);
    const token = await signIn(first.url);
    const call = apiOf(first.url, token);
    await call('POST', '/internal/brokers', { name: 'local', kind: 'rabbitmq', url: SERVICES.rabbitmq.url });
    const bridge = (await call('POST', '/internal/bridges', {
      name: 'crash',
      in: { broker: 'local', queue: queueIn },
      out: { broker: 'local', queue: queueOut },
      mapper: { kind: 'python', code: SLOW_SEQ },
    })) as BridgeAnswer;
    const total = 10_000;
    const flow = publishFlow(queueIn, total, 4, 100_000, 'same-bytes');
    await received(out, 2000, 120_000);
    const atKill = `out=${out.messages.length}`;
    first.child.kill('SIGKILL');
    await first.exited;
    await flow.done;
    await flow.close();

    const second = await startServerProcess(db.url, uidBase);
    try {
      const again = apiOf(second.url, token);
      const distinct = () => new Set(out.messages.map((m) => (m.body as { seq: number }).seq)).size;
      await waitFor('every message on OUT', distinct, (n) => n >= total, 150_000);
      await sleep(1500);
      const result = tally(out.messages, flow.confirmed);
      const after = (await again('GET', `/internal/bridges/${bridge.id}`)) as BridgeAnswer;
      console.info(
        `[bridge crash] SIGKILL mid-stream: published=${flow.confirmed.size} atKill(${atKill}) ` +
          `${describeTally(result)} statsAfterRestart=${JSON.stringify(after.stats)}`,
      );
      expect(result.lost).toBe(0);
      // Messages published OUT but not yet acked IN at the kill come again, with the same ids. Whether
      // the kill lands in that window is timing (most runs: 8-49 such duplicates; once in a CI run, 0),
      // so it is reported, not required; the RabbitMQ-restart fault test checks ids on duplicates too.
      if (result.duplicates === 0)
        console.warn('[bridge crash] the kill landed outside the confirm→ack window');
      expect(result.idMismatches).toBe(0);
      expect(after.status.state).toBe('running');
      await again('DELETE', `/internal/bridges/${bridge.id}`);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
      await out.close();
    }
  }, 300_000);
});
