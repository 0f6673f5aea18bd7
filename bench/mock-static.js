// Static stub hit vs a bare node:http server returning the same bytes (issue 3).
// Efficiency = requests per CPU-second of the serving process; ratios are of medians over
// alternating rounds. Run: npm run build && node bench/mock-static.js
import { adminSession, createStubs } from './lib/admin.js';
import { alternate, report } from './lib/load.js';
import { startBareServer, startUnderstudy } from './lib/processes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
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

const bare = await startBareServer(body, { 'content-type': 'application/json' });
const small = await withStubs(10);
const large = await withStubs(1000);
try {
  const hit = (server) => `${server.mainUrl}/proxy/bench/items/4`;
  const figures = await alternate(
    [
      { name: 'bare node:http', url: bare.url, pids: [bare.pid] },
      { name: 'understudy 1000 stubs', url: hit(large), pids: [large.pid] },
      { name: 'understudy 10 stubs', url: hit(small), pids: [small.pid] },
    ],
    { rounds: ROUNDS, seconds: SECONDS },
  );
  for (const [name, f] of Object.entries(figures)) report(name, f);
  const baseline = figures['bare node:http'].perCpuSecond;
  const ratio = figures['understudy 1000 stubs'].perCpuSecond / baseline;
  console.log(`ratio 1000 stubs vs bare (req/CPU-s): ${ratio.toFixed(3)}`);
  console.log(
    `ratio 10 stubs vs bare (req/CPU-s): ${(figures['understudy 10 stubs'].perCpuSecond / baseline).toFixed(3)}`,
  );
  console.log(`ratio_vs_bare=${ratio.toFixed(3)}`);
} finally {
  bare.stop();
  small.stop();
  large.stop();
}
