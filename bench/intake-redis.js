// Queue intake on Redis Streams: our RedisBrokerClient.consume (consumer group, batches, one XACK per
// batch after the handler) vs a bare ioredis loop (XREADGROUP COUNT <prefetch>, then XACK of what it
// read), neither storing anything. Same stream and group; 1 KB entries preloaded before each drain;
// messages per CPU-second of this process, alternating rounds, medians.
// Run: npm run build && node bench/intake-redis.js
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisBrokerClient } from '../packages/server/dist/brokers/redis/redis-broker-client.js';
import { redisReadAck } from './lib/bare-readers.js';
import { alternateIntake, benchBody, MESSAGES, PREFETCH } from './intake-common.js';

const URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = `understudy-bench-${randomBytes(4).toString('hex')}`;
const GROUP = 'understudy';
const body = benchBody(randomBytes(512));

const redis = new Redis(URL, { protocol: 2 });
const client = new RedisBrokerClient({ url: URL, name: `${KEY}-adapter` });

async function preload() {
  for (let i = 0; i < MESSAGES; i += 1000) {
    const pipeline = redis.pipeline();
    for (let j = i; j < Math.min(i + 1000, MESSAGES); j++) pipeline.xadd(KEY, '*', 'body', body);
    await pipeline.exec();
  }
}

const bare = async (onMessages) => {
  const reader = new Redis(URL, { protocol: 2 });
  const stop = redisReadAck(reader, KEY, GROUP, PREFETCH, onMessages);
  return async () => {
    await stop();
    reader.disconnect();
  };
};

const adapter = async (onMessages) => {
  const sub = client.consume(KEY, async (batch) => onMessages(batch.length), { prefetch: PREFETCH });
  return () => sub.close();
};

try {
  await client.connect();
  await client.declare(KEY, { kind: 'redis', create: true, group: GROUP });
  await alternateIntake(
    'redis',
    [
      { name: 'bare ioredis XREADGROUP/XACK loop', run: bare },
      { name: 'RedisBrokerClient', run: adapter },
    ],
    preload,
  );
} finally {
  await client.deleteQueue(KEY).catch(() => {});
  await client.close();
  redis.disconnect();
}
