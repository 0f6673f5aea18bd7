import autocannon from 'autocannon';
import { totalCpuSeconds } from './cpu.js';

/**
 * Drives `url` for `seconds` and reads the CPU the serving processes spent meanwhile: efficiency is
 * requests per CPU-second of the server, which the hypervisor's stolen time does not distort.
 */
export async function measure({ url, pids, seconds = 3, connections = 32, method = 'GET', headers, body }) {
  const pidList = typeof pids === 'function' ? pids() : pids;
  const cpuBefore = totalCpuSeconds(pidList);
  const result = await autocannon({
    url,
    duration: seconds,
    connections,
    pipelining: 1,
    method,
    headers,
    body,
  });
  const cpuAfter = totalCpuSeconds(typeof pids === 'function' ? pids() : pidList);
  const ok = result['2xx'];
  const cpu = Math.max(cpuAfter - cpuBefore, 0.01);
  return {
    requests: ok,
    errors: result.errors + result.non2xx,
    rps: ok / result.duration,
    perCpuSecond: ok / cpu,
    cpu,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Measures each target in turn, `rounds` times, alternating which goes first so bursts of stolen
 * CPU fall on both alike; returns the median figures per target, with each round's figures in
 * `runs` (for ratios taken round by round, which drifting load distorts less).
 */
export async function alternate(targets, { rounds = 5, seconds = 3, warmupSeconds = 2 } = {}) {
  for (const target of targets) await measure({ ...target, seconds: warmupSeconds });
  const samples = new Map(targets.map((t) => [t.name, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) samples.get(target.name).push(await measure({ ...target, seconds }));
  }
  return Object.fromEntries(
    [...samples].map(([name, runs]) => [
      name,
      {
        rps: median(runs.map((r) => r.rps)),
        perCpuSecond: median(runs.map((r) => r.perCpuSecond)),
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        errors: runs.reduce((sum, r) => sum + r.errors, 0),
        runs,
      },
    ]),
  );
}

/** The median over rounds of `a`'s requests per CPU-second over `b`'s in the same round. */
export function roundRatio(a, b) {
  return median(a.runs.map((run, i) => run.perCpuSecond / b.runs[i].perCpuSecond));
}

export function report(name, figures) {
  console.log(
    `${name}: ${figures.rps.toFixed(0)} req/s, ${figures.perCpuSecond.toFixed(0)} req/CPU-s, ` +
      `p50 ${figures.p50} ms, p99 ${figures.p99} ms, errors ${figures.errors}`,
  );
}
