// The baseline of bench/intake-store-kinds.js: a bare client of one broker kind (argument: nats, redis
// or mqtt) that acks every message without storing it. A long-lived child process, so its CPU is
// measured warm and alone. Each stdin line `<queue> <count>` sets up a reader on that subject, stream
// key or topic and answers `ready <queue>`; while reading it prints `progress <n>` every PROGRESS_MS
// (the bench's publisher keeps a bounded window ahead of it), `done <queue>` once `count` are acked,
// then `clean <queue>` once its broker-side state that the bench cannot delete (an MQTT session) is gone.
import readline from 'node:readline';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import mqtt from 'mqtt';
import { natsAckEach, redisReadAck } from './lib/bare-readers.js';

const KIND = process.argv[2];
const PREFETCH = Number(process.env.BENCH_PREFETCH ?? 500);
const PROGRESS_MS = 50;
const URLS = {
  nats: process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222',
  redis: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  mqtt: process.env.BENCH_MQTT_URL ?? 'mqtt://127.0.0.1:1883',
};

/**
 * Each kind: `open()` once, then `read(queue, onMessages)` sets up its reader and resolves with a
 * `stop()` that lets the last acks reach the broker. Shaped as the queue mocks are (README "Brokers"):
 * a durable pull consumer on a file stream, a consumer group, a persistent shared-subscription session.
 */
const kinds = {
  async nats() {
    const nc = await connect({ servers: URLS.nats, name: 'understudy-bench-bare' });
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    return {
      async read(subject, onMessages) {
        await jsm.streams.add({
          name: subject,
          subjects: [subject],
          storage: StorageType.File,
          retention: RetentionPolicy.Limits,
        });
        await jsm.consumers.add(subject, {
          durable_name: 'bare',
          filter_subject: subject,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.New,
          max_ack_pending: 1000,
        });
        return natsAckEach(nc, await js.consumers.get(subject, 'bare'), PREFETCH, onMessages);
      },
      close: () => nc.close(),
    };
  },

  async redis() {
    const redis = new Redis(URLS.redis, { protocol: 2 });
    return {
      async read(key, onMessages) {
        await redis.call('XGROUP', 'CREATE', key, 'bare', '$', 'MKSTREAM');
        return redisReadAck(redis, key, 'bare', PREFETCH, onMessages);
      },
      close: async () => redis.disconnect(),
    };
  },

  async mqtt() {
    const sessionOf = (topic) => `understudy-bench-bare-${topic.replaceAll('/', '-')}`;
    return {
      async read(topic, onMessages) {
        const clientId = sessionOf(topic);
        const client = await mqtt.connectAsync(URLS.mqtt, {
          clientId,
          clean: false,
          protocolVersion: 5,
          properties: { sessionExpiryInterval: 600, receiveMaximum: PREFETCH },
          resubscribe: false,
        });
        // mqtt.js PUBACKs each QoS 1 message once the handler has run.
        client.on('message', () => onMessages(1));
        await client.subscribeAsync(`$share/bare/${topic}`, { qos: 1 });
        return async () => {
          await client.endAsync();
        };
      },
      // A clean start with no expiry drops the persistent session: nothing is left on the broker.
      async forget(topic) {
        const cleaner = await mqtt.connectAsync(URLS.mqtt, {
          clientId: sessionOf(topic),
          clean: true,
          protocolVersion: 5,
        });
        await cleaner.endAsync();
      },
      close: async () => {},
    };
  },
};

const reader = await kinds[KIND]();
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  const [queue, count] = line.trim().split(' ');
  let received = 0;
  let finished;
  const allReceived = new Promise((resolve) => (finished = resolve));
  const stop = await reader.read(queue, (n) => {
    received += n;
    if (received >= Number(count)) finished();
  });
  console.log(`ready ${queue}`);
  const progress = setInterval(() => console.log(`progress ${received}`), PROGRESS_MS);
  await allReceived;
  clearInterval(progress);
  await stop();
  console.log(`done ${queue}`);
  await reader.forget?.(queue); // after the measurement
  console.log(`clean ${queue}`);
});
lines.on('close', () => reader.close().then(() => process.exit(0)));
console.log('bare ready');
