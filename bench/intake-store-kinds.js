// Queue intake INTO THE STORE on NATS JetStream, Redis Streams and MQTT (issue 8): Understudy's queue
// mock (consume → store the batch in one SQLite transaction → ack) against a bare client of the same
// broker that acks without storing (bench/intake-bare-client.js, a child process), same run,
// alternating rounds, a fresh subject / stream key / topic per drain.
//
// Method. A new queue mock reads only what arrives after it exists (a NATS durable from "new", a Redis
// group from `$`, an MQTT session from its subscription), so there is no preloaded backlog as in
// bench/intake-rabbitmq-store.js. Instead each reader is set up first, then this process publishes
// MESSAGES 1 KB JSON messages as fast as the broker confirms them (PubAck, XADD reply, PUBACK). On NATS
// and Redis the publisher outruns the reader, so it drains a growing backlog. Mosquitto drops what is
// queued beyond max_queued_messages (1000) for a session, so on MQTT the publisher keeps at most
// MQTT_WINDOW messages ahead of what the reader has taken. Efficiency = messages per CPU-second of the
// reading process (/proc/PID/stat) from the first publish until the last message is acked (bare: its
// own count) or stored (Understudy: the newest stored message is the last one, batches commit in
// delivery order). Progress is read every PROGRESS_MS from both readers — GET
// /internal/queues/{id}/messages?limit=1 from the server, a stdout line from the bare client — so the
// server's CPU includes answering that poll (about 20 cheap requests a second).
// Run: npm run build && node bench/intake-store-kinds.js   (BENCH_KINDS=nats,redis,mqtt BENCH_ROUNDS BENCH_MESSAGES)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import mqtt from 'mqtt';
import { alternateRounds, MESSAGES } from './intake-common.js';
import { adminSession } from './lib/admin.js';
import { cpuSeconds } from './lib/cpu.js';
import { median } from './lib/load.js';
import { startUnderstudy } from './lib/processes.js';

const KINDS = (process.env.BENCH_KINDS ?? 'nats,redis,mqtt').split(',').map((k) => k.trim());
const URLS = {
  nats: process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222',
  redis: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  mqtt: process.env.BENCH_MQTT_URL ?? 'mqtt://127.0.0.1:1883',
};
const MQTT_WINDOW = 800;
const PROGRESS_MS = 50;
const CHUNK = 500;
const STALL_MS = 30_000;
const RUN = `understudy-bench-${randomBytes(3).toString('hex')}`;
const NOTE = randomBytes(480).toString('hex');
/** A 1 KB JSON document carrying its sequence number, so the newest stored one tells the progress. */
const bodyOf = (seq) => Buffer.from(`{"seq":${seq},"customer":"ACME","note":"${NOTE}"}`);

/**
 * Per kind: a publisher (`publish(queue, from, count)` resolves once the broker confirmed them), how
 * far it may run ahead of the reader, a fresh queue name, and `remove(queue)` for what is left behind.
 */
const publishers = {
  async nats() {
    const nc = await connect({ servers: URLS.nats, name: `${RUN}-publisher` });
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    return {
      window: Infinity,
      // No dots: the bare client names its stream after the subject.
      name: (n) => `${RUN}-${n}`,
      publish: (subject, from, count) =>
        Promise.all(Array.from({ length: count }, (_, i) => js.publish(subject, bodyOf(from + i)))),
      async remove(subject) {
        const stream = await jsm.streams.find(subject).catch(() => null);
        if (stream) await jsm.streams.delete(stream);
      },
      close: () => nc.close(),
    };
  },
  async redis() {
    const redis = new Redis(URLS.redis, { protocol: 2 });
    return {
      window: Infinity,
      name: (n) => `${RUN}-${n}`,
      async publish(key, from, count) {
        const pipeline = redis.pipeline();
        for (let i = 0; i < count; i++) pipeline.xadd(key, '*', 'body', bodyOf(from + i));
        await pipeline.exec();
      },
      remove: (key) => redis.del(key),
      close: async () => redis.disconnect(),
    };
  },
  async mqtt() {
    const client = await mqtt.connectAsync(URLS.mqtt, { protocolVersion: 5, clientId: `${RUN}-publisher` });
    return {
      window: MQTT_WINDOW,
      name: (n) => `${RUN}/${n}`,
      publish: (topic, from, count) =>
        Promise.all(
          Array.from({ length: count }, (_, i) => client.publishAsync(topic, bodyOf(from + i), { qos: 1 })),
        ),
      remove: async () => {}, // sessions are dropped by their owners (DELETE ?deleteQueue, the bare client)
      close: () => client.endAsync(),
    };
  },
};

/** Publishes MESSAGES, never more than `window` ahead of `progress.taken`. */
async function feed(publisher, queue, progress) {
  let sent = 0;
  while (sent < MESSAGES) {
    const room = publisher.window - (sent - progress.taken);
    if (room <= 0) {
      await sleep(2);
      continue;
    }
    const count = Math.min(CHUNK, MESSAGES - sent, room);
    await publisher.publish(queue, sent, count);
    sent += count;
  }
}

/** Fails if the reader takes nothing for STALL_MS (e.g. a broker dropped the last message), so no hang. */
async function watchdog(progress, finished) {
  let done = false;
  finished.then(() => (done = true)).catch(() => (done = true));
  for (let last = -1; !done; await sleep(STALL_MS, undefined, { ref: false })) {
    if (progress.taken === last) throw new Error(`reader stuck at ${last} of ${MESSAGES} messages`);
    last = progress.taken;
  }
}

/** Measures one reader (`pid`) while `feed` runs and until `finished` resolves. */
async function measure(pid, publisher, queue, progress, finished) {
  const cpuBefore = cpuSeconds(pid);
  const wallBefore = process.hrtime.bigint();
  const fed = feed(publisher, queue, progress);
  await Promise.race([Promise.all([fed, finished]), watchdog(progress, finished)]);
  const cpu = Math.max(cpuSeconds(pid) - cpuBefore, 0.01);
  const wall = Number(process.hrtime.bigint() - wallBefore) / 1e9;
  return { perCpuSecond: MESSAGES / cpu, perSecond: MESSAGES / wall };
}

async function startBare(kind) {
  const child = spawn(process.execPath, ['bench/intake-bare-client.js', kind], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => (await lines.next()).value;
  while ((await nextLine()) !== 'bare ready');
  return { child, nextLine, pid: child.pid };
}

async function drainBare(bare, publisher, queue) {
  bare.child.stdin.write(`${queue} ${MESSAGES}\n`);
  while ((await bare.nextLine()) !== `ready ${queue}`);
  const progress = { taken: 0 };
  const finished = (async () => {
    for (let line = await bare.nextLine(); line !== `done ${queue}`; line = await bare.nextLine()) {
      if (line.startsWith('progress ')) progress.taken = Number(line.slice('progress '.length));
    }
  })();
  const figures = await measure(bare.pid, publisher, queue, progress, finished);
  while ((await bare.nextLine()) !== `clean ${queue}`);
  return figures;
}

/** The sequence number of the newest stored message, whatever encoding the server chose for it. */
function seqOf(message) {
  if (!message) return -1;
  const { body, bodyEncoding } = message;
  if (bodyEncoding === 'json') return body.seq;
  const text = bodyEncoding === 'base64' ? Buffer.from(body, 'base64').toString() : body;
  return JSON.parse(text).seq;
}

async function drainUnderstudy(server, call, kind, publisher, queue) {
  const mock = await call('POST', '/internal/queues', {
    broker: kind,
    queue,
    create: true,
    retention: { maxMessages: MESSAGES },
  });
  while ((await call('GET', `/internal/queues/${mock.id}`)).status.state !== 'connected') await sleep(50);
  const progress = { taken: 0 };
  const finished = (async () => {
    for (;;) {
      const { items } = await call('GET', `/internal/queues/${mock.id}/messages?limit=1`);
      progress.taken = seqOf(items[0]) + 1;
      if (progress.taken === MESSAGES) return;
      await sleep(PROGRESS_MS);
    }
  })();
  try {
    const figures = await measure(server.pid, publisher, queue, progress, finished);
    const { total } = await call('GET', `/internal/queues/${mock.id}/stats`);
    if (total !== MESSAGES) console.error(`${kind}: ${total} of ${MESSAGES} messages stored`);
    return figures;
  } finally {
    // Also drops the broker-side reader state: the NATS durable, the Redis group, the MQTT session.
    await call('DELETE', `/internal/queues/${mock.id}?deleteQueue=true`, {});
  }
}

async function benchKind(server, call, kind) {
  await call('POST', '/internal/brokers', { name: kind, kind, url: URLS[kind] });
  const publisher = await publishers[kind]();
  const bare = await startBare(kind);
  let queues = 0;
  const run = (drain) => async () => {
    const queue = publisher.name((queues += 1));
    try {
      return await drain(queue);
    } finally {
      await publisher.remove(queue);
    }
  };
  const targets = [
    { name: `bare ${kind} client (ack only)`, run: run((q) => drainBare(bare, publisher, q)) },
    {
      name: `Understudy queue mock → SQLite`,
      run: run((q) => drainUnderstudy(server, call, kind, publisher, q)),
    },
  ];
  try {
    const samples = await alternateRounds(targets);
    const [baseline, ours] = targets.map(({ name }) => {
      const list = samples.get(name);
      const perCpuSecond = median(list.map((f) => f.perCpuSecond));
      const perSecond = median(list.map((f) => f.perSecond));
      console.log(`${kind} ${name}: ${perSecond.toFixed(0)} msg/s, ${perCpuSecond.toFixed(0)} msg/CPU-s`);
      return perCpuSecond;
    });
    const ratio = ours / baseline;
    // Each round's own ratio (its two drains ran back to back), to show the spread behind the medians.
    const [bareRuns, ourRuns] = targets.map(({ name }) => samples.get(name));
    const perRound = ourRuns.map((f, i) => (f.perCpuSecond / bareRuns[i].perCpuSecond).toFixed(2));
    console.log(`ratio_vs_bare[${kind}]=${ratio.toFixed(3)} rounds [${perRound.join(' ')}]`);
    return ratio;
  } finally {
    bare.child.stdin.end();
    await publisher.close();
  }
}

/** Stops the server and waits for it to exit (a stuck one is killed). */
async function stopServer(server) {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.stop();
  if ((await Promise.race([exited, sleep(15_000).then(() => 'timeout')])) === 'timeout') {
    server.child.kill('SIGKILL');
  }
}

const server = await startUnderstudy();
try {
  const call = await adminSession(server.mainUrl);
  const ratios = [];
  for (const kind of KINDS) ratios.push(await benchKind(server, call, kind));
  console.log(`ratio_vs_bare=${Math.min(...ratios).toFixed(3)}`);
} finally {
  await stopServer(server);
}
