// Queue intake on MQTT 5: our MqttBrokerClient.consume (persistent session, PUBACK held until the batch
// handler resolved) vs a bare mqtt.js client on the same session (mqtt.js PUBACKs each message as it
// arrives), neither storing anything; QoS 1, 1 KB messages; messages per CPU-second of this process,
// alternating rounds, medians. Mosquitto drops what is queued beyond max_queued_messages (1000 by
// default) for a session, so there is no preloaded backlog: a publisher in a child process (its CPU is
// not counted) keeps at most BACKLOG messages ahead of the consumer.
// Run: npm run build && node bench/intake-mqtt.js
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { MqttBrokerClient } from '../packages/server/dist/brokers/mqtt/mqtt-broker-client.js';
import { alternateIntake, benchBody, MESSAGES, PREFETCH } from './intake-common.js';

const BROKER_URL = process.env.BENCH_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const BACKLOG = 800;
const STEP = 200;

if (process.env.BENCH_MQTT_TOPIC) {
  // The publisher child: publishes what the parent asks for, at QoS 1, and says when it is done.
  const topic = process.env.BENCH_MQTT_TOPIC;
  const body = benchBody(randomBytes(512));
  const pub = await mqtt.connectAsync(BROKER_URL, { protocolVersion: 5 });
  process.on('message', async ({ publish }) => {
    if (publish === 0) return void (await pub.endAsync(), process.exit(0));
    await Promise.all(Array.from({ length: publish }, () => pub.publishAsync(topic, body, { qos: 1 })));
  });
  process.send({ ready: true });
} else {
  const topic = `understudy-bench-${randomBytes(4).toString('hex')}/in`;
  const sessionId = `${topic.replace('/', '-')}-session`;
  const publisher = fork(fileURLToPath(import.meta.url), {
    env: { ...process.env, BENCH_MQTT_TOPIC: topic },
  });
  await new Promise((resolve) => publisher.once('message', resolve));

  /** Asks the publisher for more whenever the consumer is less than BACKLOG behind. */
  const feeding = (onMessages) => {
    let requested = 0;
    let received = 0;
    const feed = () => {
      while (requested < MESSAGES && requested - received < BACKLOG) {
        const n = Math.min(STEP, MESSAGES - requested);
        requested += n;
        publisher.send({ publish: n });
      }
    };
    return {
      start: feed,
      onMessages: (n) => {
        received += n;
        onMessages(n);
        feed();
      },
    };
  };

  const bare = async (onMessages) => {
    const feed = feeding(onMessages);
    const c = mqtt.connect(BROKER_URL, {
      clientId: sessionId,
      clean: false,
      protocolVersion: 5,
      properties: { sessionExpiryInterval: 600, receiveMaximum: PREFETCH },
      resubscribe: false,
    });
    c.on('message', () => feed.onMessages(1));
    await new Promise((resolve) => c.once('connect', resolve));
    feed.start();
    return () => c.endAsync();
  };

  const client = new MqttBrokerClient({
    url: BROKER_URL,
    name: topic.replace('/', '-'),
    sessionExpirySeconds: 600,
  });
  const adapter = async (onMessages) => {
    const feed = feeding(onMessages);
    const sub = client.consume(topic, async (batch) => feed.onMessages(batch.length), { prefetch: PREFETCH });
    await new Promise((resolve) => {
      const off = sub.onStatusChange((s) => s.state === 'connected' && (off(), resolve()));
    });
    feed.start();
    return () => sub.close();
  };

  try {
    await client.connect();
    await client.declare(topic, { kind: 'mqtt', sessionId });
    const targets = [
      { name: 'bare mqtt.js client', run: bare },
      { name: 'MqttBrokerClient', run: adapter },
    ];
    await alternateIntake('mqtt', targets, async () => {});
  } finally {
    await client.deleteQueue(topic).catch(() => {});
    await client.close();
    publisher.send({ publish: 0 });
  }
}
