// Proxy pass-through (issue 5): a small GET forwarded by Understudy to a bare node:http upstream vs
// that upstream called directly. Efficiency = requests per CPU-second of the serving process (for
// Understudy: its own CPU while proxying); ratios are medians of the per-round ratios over
// alternating rounds (with their range), next to two library floors (bench/proxy-reference.js).
// Then 1 GiB streamed each way through the proxy: throughput and the server's peak RSS.
// Run: npm run build && node bench/proxy.js   (BENCH_PARTS=get or stream for one part only)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { Readable } from 'node:stream';
import { adminSession } from './lib/admin.js';
import { alternate, report, roundRatio } from './lib/load.js';
import { startBareServer, startUnderstudy } from './lib/processes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const STREAM_BYTES = Number(process.env.BENCH_STREAM_BYTES ?? 1024 ** 3);
const body = JSON.stringify({ id: 42, status: 'paid', amount: 1250 });

/** Resident set size of a process in bytes, from /proc/PID/status. */
function rss(pid) {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) * 1024 : 0;
}

/** An in-process upstream for the streaming part: swallows POST bodies, streams GET bodies. */
function startStreamUpstream() {
  const chunk = Buffer.alloc(64 * 1024, 'u');
  const server = http.createServer((req, res) => {
    if (req.method === 'POST') {
      let bytes = 0;
      req.on('data', (c) => (bytes += c.length));
      req.on('end', () => res.end(String(bytes)));
      return;
    }
    res.writeHead(200, { 'content-length': STREAM_BYTES });
    source(chunk).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function source(chunk, total = STREAM_BYTES) {
  let left = total;
  return new Readable({
    read() {
      const n = Math.min(left, chunk.length);
      left -= n;
      this.push(n === 0 ? null : chunk.subarray(0, n));
    },
  });
}

/** Runs `transfer` while sampling the server's RSS every 50 ms. */
async function sampled(pid, transfer) {
  const before = rss(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rss(pid))), 50);
  const started = performance.now();
  const bytes = await transfer();
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  return { bytes, mbps: bytes / 2 ** 20 / seconds, before, peak: Math.max(peak, rss(pid)) };
}

function upload(url) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-length': STREAM_BYTES } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(Number(text)));
    });
    req.on('error', reject);
    source(Buffer.alloc(64 * 1024, 'u')).pipe(req);
  });
}

function download(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let bytes = 0;
        res.on('data', (c) => (bytes += c.length));
        res.on('end', () => resolve(bytes));
      })
      .on('error', reject);
  });
}

/** bench/proxy-reference.js in front of `upstream`: `kind` is reply-from or dispatch. */
function startReference(upstream, kind) {
  const script = new URL('./proxy-reference.js', import.meta.url).pathname;
  const env = { ...process.env, UPSTREAM: upstream, REFERENCE: kind };
  const child = spawn(process.execPath, [script], { env });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /reference listening (\d+)/.exec(output);
      if (match) resolve({ pid: child.pid, url: `http://127.0.0.1:${match[1]}`, stop: () => child.kill() });
    });
    child.once('exit', (code) => reject(new Error(`reference proxy exited with ${code}`)));
  });
}

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const range = (values) => `${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)}`;

const BARE = 'bare node:http (direct)';
const US = 'understudy proxying';
const REPLY_FROM = 'reference fastify+reply-from';
const DISPATCH = 'reference node:http+undici dispatch';

/** The small GET, alternating rounds: efficiency, latency, and ratios taken round by round. */
async function passThrough(call, bare, server) {
  const references = [
    await startReference(bare.url, 'reply-from'),
    await startReference(bare.url, 'dispatch'),
  ];
  try {
    await call('POST', '/internal/services', { name: 'bench', mode: 'proxy', upstream: bare.url });
    const figures = await alternate(
      [
        { name: BARE, url: `${bare.url}/items/4`, pids: [bare.pid] },
        { name: US, url: `${server.mainUrl}/proxy/bench/items/4`, pids: [server.pid] },
        { name: REPLY_FROM, url: `${references[0].url}/items/4`, pids: [references[0].pid] },
        { name: DISPATCH, url: `${references[1].url}/items/4`, pids: [references[1].pid] },
      ],
      { rounds: ROUNDS, seconds: SECONDS },
    );
    for (const [name, f] of Object.entries(figures)) report(name, f);
    const perRound = (name) =>
      figures[name].runs.map((run, i) => run.perCpuSecond / figures[BARE].runs[i].perCpuSecond);
    for (const name of [US, REPLY_FROM, DISPATCH]) {
      console.log(
        `ratio ${name} vs bare (req/CPU-s, median of rounds): ${roundRatio(figures[name], figures[BARE]).toFixed(3)}, rounds ${range(perRound(name))}`,
      );
    }
    console.log(`ratio understudy vs reply-from: ${roundRatio(figures[US], figures[REPLY_FROM]).toFixed(3)}`);
    console.log(`ratio understudy vs dispatch: ${roundRatio(figures[US], figures[DISPATCH]).toFixed(3)}`);
    return roundRatio(figures[US], figures[BARE]);
  } finally {
    for (const reference of references) reference.stop();
  }
}

/** 1 GiB (BENCH_STREAM_BYTES) up and down through the proxy: throughput and the server's RSS. */
async function streaming(call, server) {
  const streamUpstream = await startStreamUpstream();
  try {
    const streamUrl = `http://127.0.0.1:${streamUpstream.address().port}`;
    await call('POST', '/internal/services', { name: 'stream', mode: 'proxy', upstream: streamUrl });
    const target = `${server.mainUrl}/proxy/stream/blob`;
    for (const [name, run] of [
      ['upload', () => upload(target)],
      ['download', () => download(target)],
    ]) {
      const s = await sampled(server.pid, run);
      console.log(
        `stream ${name} ${mb(s.bytes)}: ${s.mbps.toFixed(0)} MB/s, server RSS ${mb(s.before)} before, ` +
          `${mb(s.peak)} peak (+${mb(s.peak - s.before)})`,
      );
    }
  } finally {
    streamUpstream.close();
  }
}

const parts = (process.env.BENCH_PARTS ?? 'get,stream').split(',');
const bare = await startBareServer(body, { 'content-type': 'application/json' });
const server = await startUnderstudy(['--proxy-allow', '127.0.0.1']);
try {
  const call = await adminSession(server.mainUrl);
  const ratio = parts.includes('get') ? await passThrough(call, bare, server) : undefined;
  if (parts.includes('stream')) await streaming(call, server);
  if (ratio !== undefined) console.log(`ratio_vs_bare=${ratio.toFixed(3)}`);
} finally {
  bare.stop();
  server.stop();
}
