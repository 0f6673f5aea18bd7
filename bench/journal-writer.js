// The journal's cost per mock call, without HTTP: records go through the JournalWriter into SQLite
// (a temp file, as the server uses), first while the service is under its maxEntries (inserts
// only), then at steady state over it (every row written is one to prune). Figures are this
// process's CPU µs per row and rows per wall second, median over rounds.
// Run: npm run build && node bench/journal-writer.js   (BENCH_ROUNDS, BENCH_ROWS per round;
// UNDERSTUDY_DIST=another build's folder; BENCH_PRUNE_EVERY=n also calls prune() every n rows, as
// a build that prunes on a timer would; BENCH_SLACK=0.2 sets the writer's pruneSlack)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { median } from './lib/load.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const PRUNE_EVERY = Number(process.env.BENCH_PRUNE_EVERY ?? 0);
const SLACK = process.env.BENCH_SLACK === undefined ? undefined : Number(process.env.BENCH_SLACK);
const MAX_ENTRIES = 10_000;
const dist = path.resolve(process.env.UNDERSTUDY_DIST ?? 'packages/server/dist');
const { openStores } = await import(pathToFileURL(path.join(dist, 'store/stores.js')).href);
const { JournalWriter } = await import(pathToFileURL(path.join(dist, 'services/journal-writer.js')).href);

// What a static stub's entry looks like once the record has written it (MockCallRecord): the
// request's part, then the answer's, which is the same string for every call the stub answers.
const ENTRY_START = `{"headers":${JSON.stringify({
  host: '127.0.0.1:3000',
  'user-agent': 'autocannon',
  connection: 'keep-alive',
})},"latencyMs":0.052,`;
const ENTRY_END = `"kind":"stub","stubName":"paid order","response":${JSON.stringify({
  headers: { 'content-type': 'application/json' },
  body: { text: '{"id":42,"status":"paid","amount":1250}', size: 39, truncated: false },
})}}`;
const ENTRY = ENTRY_START + ENTRY_END;

function record(service) {
  return {
    service,
    receivedAt: Date.now(),
    method: 'GET',
    path: '/items/4',
    status: 200,
    stubId: 'stub-1',
    entry: {},
    encodeEntry: () => ENTRY,
    encodeEntryStart: () => ENTRY_START,
    sharedEntryEnd: () => ENTRY_END,
  };
}

function service(name, maxEntries) {
  const journal = { maxEntries, maxAgeHours: 168, bodyCapBytes: 4096 };
  return { name, description: '', mode: 'mock', upstream: null, claims: {}, journal, ownerId: 'o' };
}

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** Wall ms of one store call: SQLite writes block the event loop, so the longest is a stall. */
async function timed(call) {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

/** Writes `rows` records the way mock traffic does (batches of 500) and times it. */
async function drive(writer, name, rows) {
  const cpu = cpuMicros();
  const started = performance.now();
  let longest = 0;
  for (let i = 1; i <= rows; i++) {
    writer.record(record(name));
    if (i % 500 === 0) longest = Math.max(longest, await timed(() => writer.flush()));
    if (PRUNE_EVERY && i % PRUNE_EVERY === 0) longest = Math.max(longest, await timed(() => writer.prune()));
  }
  await writer.flush();
  const rowsPerSecond = rows / ((performance.now() - started) / 1000);
  return { cpuPerRow: (cpuMicros() - cpu) / rows, rowsPerSecond, longest };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'understudy-journal-bench-'));
const stores = await openStores(`sqlite:${dir}/journal.db`);
const services = [service('growing', 100_000_000), service('steady', MAX_ENTRIES)];
const writer = new JournalWriter(
  stores.journal,
  () => services,
  { now: Date.now },
  pino({ level: 'silent' }),
  { pruneIntervalMs: 3_600_000, pruneSlack: SLACK },
);
try {
  await drive(writer, 'steady', MAX_ENTRIES); // fill up to the limit
  const figures = { growing: [], steady: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 ? ['steady', 'growing'] : ['growing', 'steady'])
      figures[name].push(await drive(writer, name, ROWS));
  }
  for (const [name, runs] of Object.entries(figures)) {
    const cpu = median(runs.map((r) => r.cpuPerRow));
    const rate = median(runs.map((r) => r.rowsPerSecond));
    const longest = Math.max(...runs.map((r) => r.longest));
    console.log(
      `${name}: ${cpu.toFixed(2)} CPU µs/row, ${rate.toFixed(0)} rows/s, longest store call ${longest.toFixed(1)} ms`,
    );
  }
  const left = await stores.journal.summary('steady');
  console.log(`steady service holds ${left.count} entries (maxEntries ${MAX_ENTRIES})`);
} finally {
  await writer.close();
  await stores.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
