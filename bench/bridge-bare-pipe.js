// The baseline of bench/bridge-rabbitmq.js: a bare consume → publish-with-confirms → ack pipe written
// directly with rabbitmq-client, no mapper. A long-lived child process (so its CPU is measured warm and
// alone); each stdin line `<in> <out> <count> <concurrency> <prefetch>` moves that many messages from
// IN to OUT and answers `done <in>`. Each message is acked only after OUT confirmed it, like a bridge.
import readline from 'node:readline';
import { Connection } from 'rabbitmq-client';

const URL = process.env.BENCH_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const conn = new Connection({ url: URL, connectionName: 'understudy-bench-bare-pipe', frameMax: 131_072 });
conn.on('error', (err) => console.error('bare pipe:', err.message));
const publisher = conn.createPublisher({ confirm: true, maxAttempts: 3 });

function pipe(source, target, count, concurrency, prefetch) {
  return new Promise((resolve) => {
    let moved = 0;
    const props = {
      queue: source,
      queueOptions: { passive: true },
      qos: { prefetchCount: prefetch },
      concurrency,
    };
    const consumer = conn.createConsumer(props, async (msg) => {
      const { body, headers, contentType, messageId, correlationId } = msg;
      // Resolves on the broker's confirm; returning then acks the IN message.
      await publisher.send(
        { routingKey: target, durable: true, headers, contentType, messageId, correlationId },
        body,
      );
      moved += 1;
      if (moved === count) setImmediate(() => consumer.close().then(resolve));
    });
    consumer.on('error', (err) => console.error('bare pipe:', err.message));
  });
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  const [source, target, count, concurrency, prefetch] = line.trim().split(' ');
  await pipe(source, target, Number(count), Number(concurrency), Number(prefetch));
  console.log(`done ${source}`);
});
lines.on('close', () =>
  publisher
    .close()
    .then(() => conn.close())
    .then(() => process.exit(0)),
);
console.log('bare ready');
