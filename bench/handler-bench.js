// Python handler runner (issue 4): warm round trip, CPU per call and cold start of a trivial handler,
// sandboxed (bwrap + setpriv) vs the same runner with the sandbox off, alternating rounds in one run.
// It drives the HandlerRunner directly, so it shows what a handler adds to a request; the HTTP edge
// costs the same for a static stub. Besides one call at a time it runs BENCH_CONCURRENCY calls at once
// (calls then pipeline to busy workers) and splits the CPU per call between Node and the workers.
// Cold start is the first call of a new handler, back to back (the blank worker kept ready for the
// next handler is still starting) and after BENCH_COLD_GAP_MS (it is ready).
// Run: npm run build && node bench/handler-bench.js
import { PythonHandlerRunner } from '../packages/server/dist/sandbox/python-handler-runner.js';
import { cpuSeconds } from './lib/cpu.js';
import { processTree } from './lib/process-tree.js';
import { median } from './lib/load.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const COLD_STARTS = Number(process.env.BENCH_COLD ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const COLD_GAP_MS = Number(process.env.BENCH_COLD_GAP_MS ?? 1000);
const CODE = 'def handler(body, headers):\n    return {"id": body["id"], "ok": True}';
const ARGS = { body: { id: 42, name: 'ada' }, headers: { 'content-type': 'application/json' } };

/** CPU seconds of every process started under this one (bwrap, its init, the Python workers). */
function workersCpu() {
  const seconds = new Map();
  for (const pid of processTree(process.pid)) {
    if (pid === process.pid) continue;
    try {
      seconds.set(pid, cpuSeconds(pid));
    } catch {
      // it exited while we looked
    }
  }
  return seconds;
}

/** CPU the workers used since `before`, counting those alive at both ends (idle ones get reaped). */
function workersCpuSince(before) {
  let sum = 0;
  for (const [pid, now] of workersCpu()) if (before.has(pid)) sum += now - before.get(pid);
  return sum;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/** Sequential warm calls: latency percentiles and CPU per call (Node + workers). */
async function warm(runner, key) {
  await runner.run({ key, code: CODE, entrypoint: 'handler', args: ARGS, timeoutMs: 2000 });
  const workersBefore = workersCpu();
  const nodeBefore = process.cpuUsage();
  const latencies = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    const result = await runner.run({ key, code: CODE, entrypoint: 'handler', args: ARGS, timeoutMs: 2000 });
    latencies.push(performance.now() - started);
    if (!result.ok) throw new Error(`handler failed: ${result.error.message}`);
  }
  const node = process.cpuUsage(nodeBefore);
  const cpu = (node.user + node.system) / 1e6 + workersCpuSince(workersBefore);
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), cpuUs: (cpu / CALLS) * 1e6 };
}

/** CONCURRENCY calls in flight all the time: CPU per call of Node and of the workers. */
async function concurrent(runner, key) {
  const run = () => runner.run({ key, code: CODE, entrypoint: 'handler', args: ARGS, timeoutMs: 2000 });
  await Promise.all(Array.from({ length: CONCURRENCY }, run));
  const workersBefore = workersCpu();
  const nodeBefore = process.cpuUsage();
  let started = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (started < CALLS) {
        started += 1;
        const result = await run();
        if (!result.ok) throw new Error(`handler failed: ${result.error.message}`);
      }
    }),
  );
  const node = process.cpuUsage(nodeBefore);
  return {
    nodeUs: (node.user + node.system) / CALLS,
    workersUs: (workersCpuSince(workersBefore) / CALLS) * 1e6,
  };
}

/** First calls of new handlers (a worker start + loading the code + the call), `gapMs` apart. */
async function cold(runner, round, gapMs) {
  const times = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    await new Promise((resolve) => setTimeout(resolve, gapMs));
    const started = performance.now();
    await runner.run({
      key: `cold-${gapMs}-${round}-${i}`,
      code: CODE,
      entrypoint: 'handler',
      args: ARGS,
      timeoutMs: 5000,
    });
    times.push(performance.now() - started);
  }
  return median(times);
}

const runners = {
  // uids outside the ranges the tests use (61000-61999, 62000+ for the bridge fault tests).
  sandboxed: await PythonHandlerRunner.start({ uidBase: 90_000, idleTimeoutMs: 2000 }),
  'sandbox off': await PythonHandlerRunner.start({ uidBase: 90_100, sandbox: 'off', idleTimeoutMs: 2000 }),
};
for (const [name, runner] of Object.entries(runners)) {
  if (!runner.status.ok) throw new Error(`${name}: ${runner.status.reason} (fix: ${runner.status.fix})`);
}
try {
  const samples = Object.fromEntries(Object.keys(runners).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? Object.keys(runners) : Object.keys(runners).reverse();
    for (const name of order) {
      const figures = await warm(runners[name], `warm-${round}`);
      const loaded = await concurrent(runners[name], `warm-${round}`);
      const cold0 = await cold(runners[name], round, 0);
      samples[name].push({
        ...figures,
        ...loaded,
        cold: cold0,
        coldReady: await cold(runners[name], round, COLD_GAP_MS),
      });
    }
  }
  const result = {};
  for (const [name, runs] of Object.entries(samples)) {
    const pick = (field) => median(runs.map((run) => run[field]));
    result[name] = {
      p50: pick('p50'),
      p99: pick('p99'),
      cpuUs: pick('cpuUs'),
      nodeUs: pick('nodeUs'),
      workersUs: pick('workersUs'),
      cold: pick('cold'),
      coldReady: pick('coldReady'),
    };
    const r = result[name];
    console.log(
      `${name.padEnd(12)} warm p50 ${(r.p50 * 1000).toFixed(0)} µs  p99 ${(r.p99 * 1000).toFixed(0)} µs  ` +
        `CPU/call ${r.cpuUs.toFixed(0)} µs (${(1e6 / r.cpuUs).toFixed(0)} calls/CPU-s)  ` +
        `${CONCURRENCY} at once: Node ${r.nodeUs.toFixed(1)} µs + workers ${r.workersUs.toFixed(1)} µs per call  ` +
        `cold start p50 ${r.cold.toFixed(1)} ms back to back, ${r.coldReady.toFixed(1)} ms with a blank worker ready`,
    );
  }
  const [on, off] = [result.sandboxed, result['sandbox off']];
  console.log(`ratio warm p50 sandboxed vs off: ${(on.p50 / off.p50).toFixed(3)}`);
  console.log(`ratio CPU/call sandboxed vs off: ${(on.cpuUs / off.cpuUs).toFixed(3)}`);
  console.log(`ratio cold start sandboxed vs off: ${(on.cold / off.cold).toFixed(3)}`);
  console.log(`warm_added_latency_p50_ms=${on.p50.toFixed(3)}`);
} finally {
  await Promise.all(Object.values(runners).map((runner) => runner.close()));
}
