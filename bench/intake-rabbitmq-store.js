// Queue intake INTO THE STORE (issue 6): Understudy's queue mock (consume → store the batch in one
// transaction → ack) against a bare rabbitmq-client consumer that acks without storing, same run,
// alternating rounds, on SQLite and on PostgreSQL. Efficiency = messages per CPU-second of the
// consuming process, measured only while it drains a preloaded queue of 1 KB persistent messages;
// on PostgreSQL the CPU of the database backends serving Understudy's connections is added.
// Then publishing through the API (POST /internal/queues/{id}/publish, answered after the confirm).
// Run: npm run build && node bench/intake-rabbitmq-store.js
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Connection } from 'rabbitmq-client';
import { alternateRounds } from './intake-common.js';
import { adminSession } from './lib/admin.js';
import { cpuSeconds } from './lib/cpu.js';
import { measure as loadMeasure, median } from './lib/load.js';
import { startUnderstudy } from './lib/processes.js';

const RABBIT = process.env.BENCH_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
// The queue mock's prefetch; unset = Understudy's default (500, batches of 250), as the bare consumer.
const QUEUE_PREFETCH = Number(process.env.BENCH_QUEUE_PREFETCH ?? 0);
const RUN = `understudy-bench-${randomBytes(3).toString('hex')}`;
const LAST = `${RUN}-last`;
// A 1 KB JSON document, the usual shape of queue traffic (stored as JSON: the harder path).
const BODY = Buffer.from(
  JSON.stringify({ order: 1, customer: 'ACME', note: randomBytes(480).toString('hex') }),
);

const conn = new Connection({ url: RABBIT, connectionName: `${RUN}-loader`, frameMax: 131_072 });
// Reconnects by itself; a shared broker restarted by someone's fault test must not kill the bench.
conn.on('error', (err) => console.error('bench loader:', err.message));
let queues = 0;

async function preload() {
  const queue = `${RUN}-q${(queues += 1)}`;
  const ch = await conn.acquire();
  await ch.queueDeclare({ queue, durable: true });
  await ch.close();
  const publisher = conn.createPublisher({ confirm: true });
  const pending = [];
  for (let i = 0; i < MESSAGES; i++) {
    pending.push(publisher.send({ routingKey: queue, durable: true, contentType: 'application/json' }, BODY));
    if (pending.length === 1000) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  // The last message is marked, so "all stored" is one cheap read of the newest message (see drainUnderstudy).
  await publisher.send(
    { routingKey: queue, durable: true, contentType: 'application/json', messageId: LAST },
    BODY,
  );
  await publisher.close();
  return queue;
}

/** CPU of one process plus, on PostgreSQL, of the backends serving it (sampled, since pools come and go). */
class CpuMeter {
  #seen = new Map();
  constructor(pid, backends) {
    this.pid = pid;
    this.backends = backends;
  }
  async sample() {
    for (const bpid of await this.backends()) {
      try {
        const now = cpuSeconds(bpid);
        const seen = this.#seen.get(bpid);
        this.#seen.set(bpid, { first: seen?.first ?? (this.started ? 0 : now), last: now });
      } catch {
        // a backend that ended between listing and reading; its last sample stands
      }
    }
  }
  async start() {
    this.#seen.clear();
    this.started = false;
    await this.sample();
    this.started = true;
    this.base = cpuSeconds(this.pid);
  }
  async total() {
    await this.sample();
    let db = 0;
    for (const { first, last } of this.#seen.values()) db += last - first;
    return { process: cpuSeconds(this.pid) - this.base, db };
  }
}

async function drainBare(bare, meter) {
  const queue = await preload();
  await meter.start();
  const wall = process.hrtime.bigint();
  bare.stdin.write(`${queue} ${MESSAGES + 1}\n`);
  while ((await bare.nextLine()) !== `done ${queue}`);
  return finish(meter, wall, queue);
}

async function drainUnderstudy(call, meter) {
  const queue = await preload();
  await meter.start();
  const wall = process.hrtime.bigint();
  const mock = await call('POST', '/internal/queues', {
    broker: 'local',
    queue,
    create: false,
    retention: { maxMessages: MESSAGES },
    ...(QUEUE_PREFETCH ? { options: { prefetch: QUEUE_PREFETCH } } : {}),
  });
  // Watched from the broker side, so the server does no extra work while measured; then the last
  // prefetch window is confirmed by reading the newest stored message until it is the marked last one
  // (batches commit in delivery order, so everything before it is stored too). Polling /stats here, an
  // aggregate over every row, used to add a sizeable share of the database CPU being measured.
  while ((await readyCount(queue)) > 0) {
    await sleep(100);
    await meter.sample();
  }
  while (
    (await call('GET', `/internal/queues/${mock.id}/messages?limit=1`)).items[0]?.brokerMessageId !== LAST
  )
    await sleep(20);
  const figures = await finish(meter, wall, queue);
  await call('DELETE', `/internal/queues/${mock.id}?deleteQueue=true`, {});
  return figures;
}

/** Messages ready in the queue (not yet delivered to a consumer), from a passive declare. */
async function readyCount(queue) {
  const ch = await conn.acquire();
  try {
    return (await ch.queueDeclare({ queue, passive: true })).messageCount;
  } finally {
    await ch.close();
  }
}

async function finish(meter, wallStart, queue) {
  const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;
  const cpu = await meter.total();
  const ch = await conn.acquire();
  await ch.queueDelete({ queue }).catch(() => {});
  await ch.close();
  const total = Math.max(cpu.process + cpu.db, 0.01);
  return { perCpuSecond: MESSAGES / total, perSecond: MESSAGES / wall, cpu: cpu.process, dbCpu: cpu.db };
}

async function startBare() {
  const child = spawn(process.execPath, ['bench/intake-bare-consumer.js'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => (await lines.next()).value;
  while ((await nextLine()) !== 'bare ready');
  return { child, stdin: child.stdin, nextLine, pid: child.pid };
}

async function backendsOf(admin, database) {
  if (!database) return [];
  const { rows } = await admin.query(
    "select pid from pg_stat_activity where datname = $1 and backend_type = 'client backend'",
    [database],
  );
  return rows.map((r) => r.pid);
}

async function benchStore(label, dbArgs, admin, database) {
  const server = await startUnderstudy(dbArgs);
  const bare = await startBare();
  try {
    const call = await adminSession(server.mainUrl);
    await call('POST', '/internal/brokers', { name: 'local', kind: 'rabbitmq', url: RABBIT });
    const targets = [
      {
        name: 'bare rabbitmq-client (ack only)',
        run: () => drainBare(bare, new CpuMeter(bare.pid, async () => [])),
      },
      {
        name: `Understudy queue mock → ${label}`,
        run: () => drainUnderstudy(call, new CpuMeter(server.pid, () => backendsOf(admin, database))),
      },
    ];
    const samples = await alternateRounds(targets, ROUNDS);
    const summary = report(samples);
    const ratio = summary[targets[1].name].perCpuSecond / summary[targets[0].name].perCpuSecond;
    console.log(`ratio_vs_bare[${label}]=${ratio.toFixed(3)}`);
    const publish = await benchPublish(server, call);
    return { ratio, publish };
  } finally {
    bare.child.stdin.end();
    await stopServer(server);
  }
}

/** Stops the server and waits for it to exit, so its database is never dropped under it. */
async function stopServer(server) {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.stop();
  const timeout = sleep(15_000).then(() => 'timeout');
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    console.error('server did not stop within 15 s; killing it');
    server.child.kill('SIGKILL');
  }
}

function report(samples) {
  const summary = {};
  for (const [name, list] of samples) {
    const figures = {
      perCpuSecond: median(list.map((f) => f.perCpuSecond)),
      perSecond: median(list.map((f) => f.perSecond)),
      dbCpu: median(list.map((f) => f.dbCpu)),
    };
    summary[name] = figures;
    const db = figures.dbCpu > 0 ? ` (database backends ${figures.dbCpu.toFixed(2)} CPU-s counted)` : '';
    console.log(
      `${name}: ${figures.perSecond.toFixed(0)} msg/s, ${figures.perCpuSecond.toFixed(0)} msg/CPU-s${db}`,
    );
  }
  return summary;
}

/** Publishing through the admin API: each answer waits for the broker's confirm. */
async function benchPublish(server, call) {
  const queue = `${RUN}-publish`;
  const mock = await call('POST', '/internal/queues', { broker: 'local', queue });
  const token = await call('POST', '/internal/tokens', { name: 'publish' });
  const figures = await loadMeasure({
    url: `${server.mainUrl}/internal/queues/${mock.id}/publish`,
    pids: [server.pid],
    seconds: 5,
    connections: 32,
    method: 'POST',
    headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body: JSON.parse(BODY.toString()) }),
  });
  console.log(
    `publish through the API: ${figures.rps.toFixed(0)} msg/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms, errors ${figures.errors}`,
  );
  await call('DELETE', `/internal/queues/${mock.id}?deleteQueue=true`, {});
  return figures.rps;
}

// BENCH_STORE=sqlite|postgres runs one store only (while working on it); both by default.
const ONLY = process.env.BENCH_STORE;
const admin = new pg.Client({ connectionString: POSTGRES });
const database = `understudy_bench_${randomBytes(4).toString('hex')}`;
try {
  await admin.connect();
  const results = [];
  if (ONLY !== 'postgres') results.push(['sqlite', await benchStore('SQLite', [])]);
  if (ONLY !== 'sqlite') {
    await admin.query(`create database ${database}`);
    const pgUrl = POSTGRES.replace(/\/[^/]*$/, `/${database}`);
    results.push(['postgres', await benchStore('PostgreSQL', ['--db', pgUrl], admin, database)]);
  }
  console.log(
    `publish_msgs_per_s ${results.map(([name, r]) => `${name}=${r.publish.toFixed(0)}`).join(' ')}`,
  );
  console.log(`ratio_vs_bare=${Math.min(...results.map(([, r]) => r.ratio)).toFixed(3)}`);
} finally {
  await admin.query(`drop database if exists ${database} with (force)`).catch(() => {});
  await admin.end().catch(() => {});
  await conn.close();
}
