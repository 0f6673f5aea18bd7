// Bridges (issue 7): an Understudy bridge with a Python identity mapper (sandboxed) against a bare
// consume → publish-with-confirms → ack pipe written with rabbitmq-client, same broker, same run,
// alternating rounds, at concurrency 1 and 2. Efficiency = messages per CPU-second of everything that
// moves them: the server process with its Python workers (found as its descendants), or the bare pipe
// process. Each round preloads IN with 1 KB persistent messages, then times the drain into OUT.
// Run: npm run build && node bench/bridge-rabbitmq.js
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from 'rabbitmq-client';
import { adminSession } from './lib/admin.js';
import { cpuSeconds } from './lib/cpu.js';
import { median } from './lib/load.js';
import { processTree } from './lib/process-tree.js';
import { startUnderstudy } from './lib/processes.js';

const RABBIT = process.env.BENCH_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,2').split(',').map(Number);
const RUN = `understudy-bench-bridge-${randomBytes(3).toString('hex')}`;
const IDENTITY = 'def mapper(body, headers):\n    return body\n';
// A 1 KB JSON document, the usual shape of queue traffic.
const BODY = Buffer.from(
  JSON.stringify({ order: 1, customer: 'ACME', note: randomBytes(480).toString('hex') }),
);
/** The bridge's own prefetch for a concurrency (core/bridging/bridge-defaults.ts), given to the bare pipe too. */
const prefetchFor = (concurrency) => Math.min(Math.max(64, concurrency * 32), 1000);

const conn = new Connection({ url: RABBIT, connectionName: `${RUN}-loader`, frameMax: 131_072 });
conn.on('error', (err) => console.error('bench loader:', err.message));

async function withChannel(work) {
  const ch = await conn.acquire();
  try {
    return await work(ch);
  } finally {
    await ch.close();
  }
}

async function preload(queue) {
  const publisher = conn.createPublisher({ confirm: true });
  const pending = [];
  for (let i = 0; i < MESSAGES; i++) {
    pending.push(publisher.send({ routingKey: queue, durable: true, contentType: 'application/json' }, BODY));
    if (pending.length === 1000) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  await publisher.close();
}

const count = (queue) =>
  withChannel(async (ch) => (await ch.queueDeclare({ queue, passive: true })).messageCount);

/** CPU of a process and all its descendants; workers started meanwhile count from zero. */
function treeCpu(root) {
  const read = (pids) => new Map(pids.map((pid) => [pid, safeCpu(pid)]));
  const before = read(processTree(root));
  return () => {
    let total = 0;
    for (const [pid, now] of read(processTree(root))) total += now - (before.get(pid) ?? 0);
    return total;
  };
}

function safeCpu(pid) {
  try {
    return cpuSeconds(pid);
  } catch {
    return 0;
  }
}

async function drain(label, queues, pid, start) {
  await withChannel((ch) => ch.queuePurge({ queue: queues.out }));
  await preload(queues.in);
  const cpu = treeCpu(pid);
  const wall = process.hrtime.bigint();
  const done = await start();
  // Watched from the broker side, so the server does no extra work while measured.
  while ((await count(queues.out)) < MESSAGES) await sleep(25);
  await done;
  const seconds = Number(process.hrtime.bigint() - wall) / 1e9;
  const used = Math.max(cpu(), 0.01);
  return { label, perCpuSecond: MESSAGES / used, perSecond: MESSAGES / seconds, cpu: used };
}

async function startBare() {
  const child = spawn(process.execPath, ['bench/bridge-bare-pipe.js'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => (await lines.next()).value;
  while ((await nextLine()) !== 'bare ready');
  const run = async (queues, concurrency) => {
    child.stdin.write(`${queues.in} ${queues.out} ${MESSAGES} ${concurrency} ${prefetchFor(concurrency)}\n`);
    return (async () => {
      while ((await nextLine()) !== `done ${queues.in}`);
    })();
  };
  return { child, pid: child.pid, run };
}

async function benchConcurrency(concurrency, server, call, bare) {
  const queues = { in: `${RUN}-c${concurrency}-in`, out: `${RUN}-c${concurrency}-out` };
  await withChannel(async (ch) => {
    for (const queue of Object.values(queues)) await ch.queueDeclare({ queue, durable: true });
  });
  const bridge = await call('POST', '/internal/bridges', {
    name: `bench-c${concurrency}`,
    in: { broker: 'local', queue: queues.in },
    out: { broker: 'local', queue: queues.out },
    mapper: { kind: 'python', code: IDENTITY },
    concurrency,
    enabled: false,
  });
  const resume = async () => void (await call('PATCH', `/internal/bridges/${bridge.id}`, { enabled: true }));
  const targets = [
    {
      name: 'bare rabbitmq-client pipe',
      run: () => drain('bare', queues, bare.pid, () => bare.run(queues, concurrency)),
    },
    {
      name: 'Understudy bridge (Python identity mapper)',
      run: async () => {
        const figures = await drain('bridge', queues, server.pid, resume);
        await call('PATCH', `/internal/bridges/${bridge.id}`, { enabled: false });
        return figures;
      },
    },
  ];
  const samples = new Map(targets.map((t) => [t.name, []]));
  for (let round = 0; round <= ROUNDS; round++) {
    for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
      const figures = await target.run();
      if (round > 0) samples.get(target.name).push(figures); // round 0 warms both up (Python workers start)
    }
  }
  const summary = {};
  for (const [name, list] of samples) {
    summary[name] = {
      perCpuSecond: median(list.map((f) => f.perCpuSecond)),
      perSecond: median(list.map((f) => f.perSecond)),
    };
    console.log(
      `concurrency ${concurrency} · ${name}: ${summary[name].perSecond.toFixed(0)} msg/s, ${summary[name].perCpuSecond.toFixed(0)} msg/CPU-s`,
    );
  }
  const [bareName, bridgeName] = targets.map((t) => t.name);
  const ratio = summary[bridgeName].perCpuSecond / summary[bareName].perCpuSecond;
  console.log(`ratio_vs_bare[concurrency=${concurrency}]=${ratio.toFixed(3)}`);
  await call('DELETE', `/internal/bridges/${bridge.id}`, {});
  await withChannel(async (ch) => {
    for (const queue of Object.values(queues)) await ch.queueDelete({ queue }).catch(() => {});
  });
  return { ratio, perSecond: summary[bridgeName].perSecond, barePerSecond: summary[bareName].perSecond };
}

const server = await startUnderstudy([
  '--python-uid-base',
  String(62_000 + 64 * Math.floor(Math.random() * 400)),
]);
const bare = await startBare();
try {
  const call = await adminSession(server.mainUrl);
  await call('POST', '/internal/brokers', { name: 'local', kind: 'rabbitmq', url: RABBIT });
  const results = new Map();
  for (const concurrency of CONCURRENCIES)
    results.set(concurrency, await benchConcurrency(concurrency, server, call, bare));
  const line = [...results].map(([c, r]) => `c${c}=${r.perSecond.toFixed(0)}`).join(' ');
  console.log(
    `bridge_msgs_per_s ${line} (bare: ${[...results].map(([c, r]) => `c${c}=${r.barePerSecond.toFixed(0)}`).join(' ')})`,
  );
  console.log(`ratio_vs_bare=${results.get(CONCURRENCIES[0]).ratio.toFixed(3)}`);
} finally {
  bare.child.stdin.end();
  server.stop();
  await conn.close();
}
