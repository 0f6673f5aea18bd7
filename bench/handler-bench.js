// Python handler runner (issue 4): warm round trip, CPU per call and cold start of a trivial handler,
// sandboxed (bwrap + setpriv) vs the same runner with the sandbox off, alternating rounds in one run.
// It drives the HandlerRunner directly, so it shows what a handler adds to a request; the HTTP edge
// costs the same for a static stub. Run: npm run build && node bench/handler-bench.js
import { PythonHandlerRunner } from '../packages/server/dist/sandbox/python-handler-runner.js';
import { totalCpuSeconds } from './lib/cpu.js';
import { processTree } from './lib/process-tree.js';
import { median } from './lib/load.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const COLD_STARTS = Number(process.env.BENCH_COLD ?? 10);
const CODE = 'def handler(body, headers):\n    return {"id": body["id"], "ok": True}';
const ARGS = { body: { id: 42, name: 'ada' }, headers: { 'content-type': 'application/json' } };

/** Every process started under this one (bwrap, its init, the Python workers). */
const descendants = () => processTree(process.pid).filter((pid) => pid !== process.pid);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/** Sequential warm calls: latency percentiles and CPU per call (Node + workers). */
async function warm(runner, key) {
  await runner.run({ key, code: CODE, entrypoint: 'handler', args: ARGS, timeoutMs: 2000 });
  const workers = descendants();
  const nodeBefore = process.cpuUsage();
  const workersBefore = totalCpuSeconds(workers);
  const latencies = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    const result = await runner.run({ key, code: CODE, entrypoint: 'handler', args: ARGS, timeoutMs: 2000 });
    latencies.push(performance.now() - started);
    if (!result.ok) throw new Error(`handler failed: ${result.error.message}`);
  }
  const node = process.cpuUsage(nodeBefore);
  const cpu = (node.user + node.system) / 1e6 + (totalCpuSeconds(workers) - workersBefore);
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), cpuUs: (cpu / CALLS) * 1e6 };
}

/** First calls of new handlers: process start + loading the code + the call. */
async function cold(runner, round) {
  const times = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const started = performance.now();
    await runner.run({
      key: `cold-${round}-${i}`,
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
  sandboxed: await PythonHandlerRunner.start({ uidBase: 62000, idleTimeoutMs: 2000 }),
  'sandbox off': await PythonHandlerRunner.start({ uidBase: 62100, sandbox: 'off', idleTimeoutMs: 2000 }),
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
      samples[name].push({ ...figures, cold: await cold(runners[name], round) });
    }
  }
  const result = {};
  for (const [name, runs] of Object.entries(samples)) {
    const pick = (field) => median(runs.map((run) => run[field]));
    result[name] = { p50: pick('p50'), p99: pick('p99'), cpuUs: pick('cpuUs'), cold: pick('cold') };
    const r = result[name];
    console.log(
      `${name.padEnd(12)} warm p50 ${(r.p50 * 1000).toFixed(0)} µs  p99 ${(r.p99 * 1000).toFixed(0)} µs  ` +
        `CPU/call ${r.cpuUs.toFixed(0)} µs (${(1e6 / r.cpuUs).toFixed(0)} calls/CPU-s)  cold start p50 ${r.cold.toFixed(1)} ms`,
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
