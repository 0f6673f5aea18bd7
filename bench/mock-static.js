// Static stub hit vs a bare node:http server returning the same bytes (issue 3), and the cost of
// matching as the stub count grows (10 vs 10,000 stubs, literal and template paths).
// Efficiency = requests per CPU-second of the serving process; each ratio is the median over
// alternating rounds of the two targets' figures in the same round.
// Run: npm run build && node bench/mock-static.js   (BENCH_ROUNDS, BENCH_SECONDS, BENCH_SCALE=0 to
// skip the 10,000-stub server, which takes minutes to fill through the admin API)
import { adminSession, createStubs } from './lib/admin.js';
import { alternate, report, roundRatio } from './lib/load.js';
import { startBareServer, startUnderstudy } from './lib/processes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const SCALE = process.env.BENCH_SCALE !== '0';
const body = JSON.stringify({ id: 42, status: 'paid', amount: 1250 });

async function withStubs(count) {
  const server = await startUnderstudy();
  const call = await adminSession(server.mainUrl);
  await call('POST', '/internal/services', { name: 'bench' });
  const response = {
    kind: 'static',
    status: 200,
    headers: { 'content-type': 'application/json' },
    text: body,
  };
  await createStubs(call, 'bench', count, response);
  return server;
}

// createStubs files even stubs under literal paths (/items/i) and odd ones under templates
// (/things/i/{id}): both URLs below hit a stub in every server.
/** A ratio line: the median over rounds, with the rounds' range, since one round can be far off. */
function ratioLine(label, a, b) {
  const perRound = a.runs.map((run, i) => run.perCpuSecond / b.runs[i].perCpuSecond);
  const range = `${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)}`;
  const ratio = roundRatio(a, b);
  console.log(`ratio ${label} (req/CPU-s): ${ratio.toFixed(3)} (rounds ${range})`);
  return ratio;
}

const literal = (server) => `${server.mainUrl}/proxy/bench/items/4`;
const template = (server) => `${server.mainUrl}/proxy/bench/things/5/abc`;

const servers = [];
try {
  const bare = await startBareServer(body, { 'content-type': 'application/json' });
  servers.push(bare);
  const small = await withStubs(10);
  servers.push(small);
  const large = await withStubs(1000);
  servers.push(large);
  const huge = SCALE ? await withStubs(10_000) : undefined;
  if (huge) servers.push(huge);
  const targets = [
    { name: 'bare node:http', url: bare.url, pids: [bare.pid] },
    { name: 'understudy 1000 stubs', url: literal(large), pids: [large.pid] },
    { name: 'understudy 10 stubs', url: literal(small), pids: [small.pid] },
  ];
  if (huge) {
    targets.push(
      { name: 'understudy 10000 stubs', url: literal(huge), pids: [huge.pid] },
      { name: 'understudy 10 stubs template', url: template(small), pids: [small.pid] },
      { name: 'understudy 10000 stubs template', url: template(huge), pids: [huge.pid] },
    );
  }
  const figures = await alternate(targets, { rounds: ROUNDS, seconds: SECONDS });
  for (const [name, f] of Object.entries(figures)) report(name, f);
  const bareFigures = figures['bare node:http'];
  const ratio = ratioLine('1000 stubs vs bare', figures['understudy 1000 stubs'], bareFigures);
  ratioLine('10 stubs vs bare', figures['understudy 10 stubs'], bareFigures);
  if (huge) {
    const small = figures['understudy 10 stubs'];
    ratioLine('10000 vs 10 stubs, literal path', figures['understudy 10000 stubs'], small);
    ratioLine(
      '10000 vs 10 stubs, template path',
      figures['understudy 10000 stubs template'],
      figures['understudy 10 stubs template'],
    );
  }
  console.log(`ratio_vs_bare=${ratio.toFixed(3)}`);
} finally {
  for (const server of servers) server.stop();
}
