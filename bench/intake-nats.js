// Queue intake on NATS JetStream: our NatsBrokerClient.consume (own pull loop, batches, an explicit ack
// per message after the handler) vs a bare @nats-io/jetstream consumer (`consume()`, acking each message
// as it arrives), neither storing anything. Same stream and durable; 1 KB messages preloaded with
// PubAcks before each drain; messages per CPU-second of this process, alternating rounds, medians.
// Run: npm run build && node bench/intake-nats.js
import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { NatsBrokerClient } from '../packages/server/dist/brokers/nats/nats-broker-client.js';
import { natsAckEach } from './lib/bare-readers.js';
import { alternateIntake, benchBody, MESSAGES, PREFETCH } from './intake-common.js';

const URL = process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222';
const SUBJECT = `understudy-bench-${randomBytes(4).toString('hex')}.in`;
const DURABLE = 'bench';
const body = benchBody(randomBytes(512));

const nc = await connect({ servers: URL, name: `${SUBJECT}-bare` });
const js = jetstream(nc);
const client = new NatsBrokerClient({ url: URL, name: `${SUBJECT}-adapter` });

async function preload() {
  for (let i = 0; i < MESSAGES; i += 1000) {
    const chunk = Math.min(1000, MESSAGES - i);
    await Promise.all(Array.from({ length: chunk }, () => js.publish(SUBJECT, body)));
  }
}

const bare = (stream) => async (onMessages) =>
  natsAckEach(nc, await js.consumers.get(stream, DURABLE), PREFETCH, onMessages);

const adapter = async (onMessages) => {
  const sub = client.consume(SUBJECT, async (batch) => onMessages(batch.length), { prefetch: PREFETCH });
  return () => sub.close();
};

try {
  await client.connect();
  await client.declare(SUBJECT, { kind: 'nats', create: true, durable: DURABLE });
  const stream = await (await jetstreamManager(nc)).streams.find(SUBJECT);
  await alternateIntake(
    'nats',
    [
      { name: 'bare @nats-io/jetstream consumer', run: bare(stream) },
      { name: 'NatsBrokerClient', run: adapter },
    ],
    preload,
  );
} finally {
  await client.deleteQueue(SUBJECT).catch(() => {});
  await client.close();
  await nc.close();
}
