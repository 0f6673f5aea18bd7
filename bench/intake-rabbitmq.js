// Queue intake: our RabbitmqBrokerClient.consume (batches, one `multiple` ack per batch) vs a bare
// rabbitmq-client consumer that acks every message itself, neither storing anything (issue 6 compares
// the *stored* intake against this same bare baseline; this sketch isolates the adapter's own cost).
// Efficiency = messages per CPU-second of this process (from /proc/self/stat), measured only while
// draining a preloaded queue of 1 KB persistent messages; alternating rounds, medians.
// Run: npm run build && node bench/intake-rabbitmq.js
import { randomBytes } from 'node:crypto';
import { Connection } from 'rabbitmq-client';
import { RabbitmqBrokerClient } from '../packages/server/dist/brokers/rabbitmq/rabbitmq-broker-client.js';
import { cpuSeconds } from './lib/cpu.js';
import { median } from './lib/load.js';

const URL = process.env.BENCH_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const PREFETCH = 500;
const QUEUE = `understudy-bench-${randomBytes(4).toString('hex')}`;
const body = randomBytes(512).toString('hex'); // 1 KB of text-safe bytes

async function preload(conn) {
  const publisher = conn.createPublisher({ confirm: true });
  const pending = [];
  for (let i = 0; i < MESSAGES; i++) {
    pending.push(publisher.send({ routingKey: QUEUE, durable: true }, Buffer.from(body)));
    if (pending.length === 1000) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  await publisher.close();
}

/** Drains the queue with `start(onMessages)`; returns messages per CPU-second and per second. */
async function measure(start) {
  let received = 0;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const cpuBefore = cpuSeconds(process.pid);
  const wallBefore = process.hrtime.bigint();
  const stop = await start((count) => {
    received += count;
    if (received >= MESSAGES) done();
  });
  await finished;
  await stop(); // includes the last acks
  const cpu = Math.max(cpuSeconds(process.pid) - cpuBefore, 0.01);
  const wall = Number(process.hrtime.bigint() - wallBefore) / 1e9;
  return { perCpuSecond: MESSAGES / cpu, perSecond: MESSAGES / wall, cpu };
}

const bare = (conn) => async (onMessages) => {
  const props = { queue: QUEUE, queueOptions: { passive: true }, qos: { prefetchCount: PREFETCH } };
  const consumer = conn.createConsumer(props, async () => {
    onMessages(1);
  });
  consumer.on('error', (err) => console.error('bare consumer:', err.message));
  return () => consumer.close();
};

const adapter = (client) => async (onMessages) => {
  const sub = client.consume(QUEUE, async (batch) => onMessages(batch.length), { prefetch: PREFETCH });
  return () => sub.close();
};

const conn = new Connection({ url: URL, connectionName: `${QUEUE}-bare`, frameMax: 131_072 });
const client = new RabbitmqBrokerClient({ url: URL, connectionName: `${QUEUE}-adapter` });
try {
  await client.connect();
  await client.declare(QUEUE, { kind: 'rabbitmq', create: true, durable: true });
  const targets = [
    { name: 'bare rabbitmq-client', run: bare(conn) },
    { name: 'RabbitmqBrokerClient', run: adapter(client) },
  ];
  const samples = new Map(targets.map((t) => [t.name, []]));
  for (let round = 0; round <= ROUNDS; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      await preload(conn);
      const figures = await measure(target.run);
      if (round > 0) samples.get(target.name).push(figures); // round 0 warms up both
    }
  }
  const summary = {};
  for (const [name, list] of samples) {
    summary[name] = {
      perCpuSecond: median(list.map((f) => f.perCpuSecond)),
      perSecond: median(list.map((f) => f.perSecond)),
    };
    console.log(
      `${name}: ${summary[name].perCpuSecond.toFixed(0)} msg/CPU-s, ${summary[name].perSecond.toFixed(0)} msg/s`,
    );
  }
  const ratio = summary['RabbitmqBrokerClient'].perCpuSecond / summary['bare rabbitmq-client'].perCpuSecond;
  console.log(`ratio_vs_bare=${ratio.toFixed(3)}`);
} finally {
  await client.deleteQueue(QUEUE).catch(() => {});
  await client.close();
  await conn.close();
}
