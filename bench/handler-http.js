// A trivial Python handler stub vs a static stub with the same answer, through HTTP (issue 4):
// - efficiency: requests per CPU-second of the server AND its Python workers under load
//   (BENCH_CONNECTIONS, default 32), alternating rounds;
// - added latency: one request at a time on a kept-alive connection, alternating rounds, p50 of each
//   (the load phase's p50 is queueing at saturation, not what a handler adds to a request);
// - cold start: the first request to a newly created Python stub: the server's very first (a sandbox
//   is started for it) and later ones, BENCH_COLD_GAP_MS apart (a blank worker is kept ready for them).
// Run: npm run build && node bench/handler-http.js
import http from 'node:http';
import { adminSession } from './lib/admin.js';
import { alternate, median, report } from './lib/load.js';
import { processTree } from './lib/process-tree.js';
import { startUnderstudy } from './lib/processes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 1);
const COLD_STARTS = Number(process.env.BENCH_COLD ?? 5);
const COLD_GAP_MS = Number(process.env.BENCH_COLD_GAP_MS ?? 1000);
const CODE = 'def handler(body, headers):\n    return {"id": body["id"], "ok": True}';
const BODY = '{"id":42,"name":"ada"}';

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/** One POST on `agent`'s connection; resolves with the status once the body has been read. */
function post(url, agent) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json' },
    });
    request.once('error', reject);
    request.once('response', (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode));
    });
    request.end(BODY);
  });
}

/** Sequential requests for `seconds`: latency percentiles in ms. */
async function sequential(url, seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  await post(url, agent);
  const latencies = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    const status = await post(url, agent);
    if (status !== 200) throw new Error(`${url} answered ${status}`);
    latencies.push(performance.now() - started);
  }
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

async function latencies(targets) {
  const samples = Object.fromEntries(targets.map((t) => [t.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) samples[target.name].push(await sequential(target.url, LATENCY_SECONDS));
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, runs]) => [
      name,
      { p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) },
    ]),
  );
}

/** Time of one request on a fresh connection, in ms. */
async function timedPost(url) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const started = performance.now();
  const status = await post(url, agent);
  agent.destroy();
  if (status !== 200) throw new Error(`${url} answered ${status}`);
  return performance.now() - started;
}

/** First request to each of `count` new Python stubs, COLD_GAP_MS apart. */
async function coldStarts(call, server, count) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = [];
  for (let i = 0; i < count; i++) {
    const path = `/cold-${i}`;
    await call('POST', '/internal/services/bench/stubs', {
      request: { method: 'POST', path },
      response: { kind: 'python', code: `${CODE}  # ${i}` },
    });
    await new Promise((resolve) => setTimeout(resolve, COLD_GAP_MS));
    const started = performance.now();
    const status = await post(`${server.mainUrl}/proxy/bench${path}`, agent);
    if (status !== 200) throw new Error(`cold stub answered ${status}`);
    times.push(performance.now() - started);
  }
  agent.destroy();
  return median(times);
}

const server = await startUnderstudy();
try {
  const call = await adminSession(server.mainUrl);
  await call('POST', '/internal/services', { name: 'bench' });
  await call('POST', '/internal/services/bench/stubs', {
    request: { method: 'POST', path: '/static' },
    response: { kind: 'static', body: { id: 42, ok: true } },
  });
  await call('POST', '/internal/services/bench/stubs', {
    request: { method: 'POST', path: '/python' },
    response: { kind: 'python', code: CODE },
  });
  const firstCold = await timedPost(`${server.mainUrl}/proxy/bench/python`);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
  const post32 = { connections, method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY };
  const pids = () => processTree(server.pid);
  const targets = [
    { name: 'static stub', url: `${server.mainUrl}/proxy/bench/static`, pids, ...post32 },
    { name: 'python handler', url: `${server.mainUrl}/proxy/bench/python`, pids, ...post32 },
  ];
  const figures = await alternate(targets, { rounds: ROUNDS, seconds: SECONDS });
  for (const [name, f] of Object.entries(figures)) report(name, f);
  const ratio = figures['python handler'].perCpuSecond / figures['static stub'].perCpuSecond;
  const alone = await latencies(targets);
  for (const [name, l] of Object.entries(alone)) {
    console.log(`${name}, one request at a time: p50 ${l.p50.toFixed(3)} ms, p99 ${l.p99.toFixed(3)} ms`);
  }
  const cold = await coldStarts(call, server, COLD_STARTS);
  console.log(`cold start, the server's first Python stub: ${firstCold.toFixed(1)} ms`);
  console.log(
    `cold start, a new Python stub (blank worker ready), median of ${COLD_STARTS}: ${cold.toFixed(1)} ms`,
  );
  const added = alone['python handler'].p50 - alone['static stub'].p50;
  console.log(`added p50 latency: ${added.toFixed(3)} ms`);
  console.log(`ratio_vs_static=${ratio.toFixed(3)}`);
} finally {
  server.stop();
}
