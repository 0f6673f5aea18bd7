// Shared by bench/intake-{nats,mqtt,redis}.js (not a benchmark itself): drain a backlog with one
// consumer, measure messages per CPU-second of this process (from /proc/self/stat) and per second,
// alternate which consumer goes first each round, and print medians plus `ratio_vs_bare=<x>`.
import { cpuSeconds } from './lib/cpu.js';
import { median } from './lib/load.js';

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
export const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
export const PREFETCH = Number(process.env.BENCH_PREFETCH ?? 500);

/**
 * Starts a consumer with `start(onMessages)`, which resolves with a `stop()`; `onMessages(n)` is called
 * as messages are accepted. Measures until `expected` have arrived, `stop()` (the last acks) included.
 */
export async function measureDrain(start, expected = MESSAGES) {
  let received = 0;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const cpuBefore = cpuSeconds(process.pid);
  const wallBefore = process.hrtime.bigint();
  const stop = await start((count) => {
    received += count;
    if (received >= expected) done();
  });
  await finished;
  await stop();
  const cpu = Math.max(cpuSeconds(process.pid) - cpuBefore, 0.01);
  const wall = Number(process.hrtime.bigint() - wallBefore) / 1e9;
  return { perCpuSecond: expected / cpu, perSecond: expected / wall, cpu };
}

/**
 * Runs every target's `run()` (which returns its figures) once per round, in alternating order, for
 * `rounds` rounds after one warm-up round; returns each target's figures by name, a round per entry.
 */
export async function alternateRounds(targets, rounds = ROUNDS) {
  const samples = new Map(targets.map((t) => [t.name, []]));
  for (let round = 0; round <= rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const figures = await target.run();
      if (round > 0) samples.get(target.name).push(figures); // round 0 warms up both
    }
  }
  return samples;
}

/**
 * Runs `targets` ({ name, run }) as alternateRounds does, with `preload()` before each measurement.
 * The first target is the bare baseline, the second our adapter.
 */
export async function alternateIntake(kind, targets, preload) {
  const samples = await alternateRounds(
    targets.map((t) => ({
      name: t.name,
      run: async () => {
        await preload();
        return measureDrain(t.run);
      },
    })),
  );
  const summary = {};
  for (const [name, list] of samples) {
    summary[name] = {
      perCpuSecond: median(list.map((f) => f.perCpuSecond)),
      perSecond: median(list.map((f) => f.perSecond)),
    };
    const { perCpuSecond, perSecond } = summary[name];
    console.log(`${kind} ${name}: ${perCpuSecond.toFixed(0)} msg/CPU-s, ${perSecond.toFixed(0)} msg/s`);
  }
  const [bare, adapter] = targets.map((t) => summary[t.name]);
  console.log(`${kind} ratio_vs_bare=${(adapter.perCpuSecond / bare.perCpuSecond).toFixed(3)}`);
  return summary;
}

/** 1 KB of text-safe bytes, as the RabbitMQ intake bench uses. */
export function benchBody(bytes) {
  return Buffer.from(bytes.toString('hex'));
}
