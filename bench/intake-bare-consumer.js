// The baseline of bench/intake-rabbitmq-store.js: a bare rabbitmq-client consumer that acks every
// message without storing it. A long-lived child process (so its CPU is measured warm and alone);
// each stdin line `<queue> <count>` drains that queue and answers `done <queue>`.
import readline from 'node:readline';
import { Connection } from 'rabbitmq-client';

const URL = process.env.BENCH_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const PREFETCH = Number(process.env.BENCH_PREFETCH ?? 500);
const conn = new Connection({ url: URL, connectionName: 'understudy-bench-bare', frameMax: 131_072 });
conn.on('error', (err) => console.error('bare consumer:', err.message));

function drain(queue, count) {
  return new Promise((resolve) => {
    let received = 0;
    const props = { queue, queueOptions: { passive: true }, qos: { prefetchCount: PREFETCH } };
    const consumer = conn.createConsumer(props, async () => {
      received += 1;
      if (received === count) setImmediate(() => consumer.close().then(resolve));
    });
    consumer.on('error', (err) => console.error('bare consumer:', err.message));
  });
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  const [queue, count] = line.trim().split(' ');
  await drain(queue, Number(count));
  console.log(`done ${queue}`);
});
lines.on('close', () => conn.close().then(() => process.exit(0)));
console.log('bare ready');
