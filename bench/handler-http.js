// A trivial Python handler stub vs a static stub with the same answer, through HTTP (issue 4):
// requests per CPU-second of the server AND its Python workers, alternating rounds; p50 latency of
// each, and the handler's added p50. Run: npm run build && node bench/handler-http.js
import { adminSession } from './lib/admin.js';
import { alternate, report } from './lib/load.js';
import { processTree } from './lib/process-tree.js';
import { startUnderstudy } from './lib/processes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const server = await startUnderstudy();
try {
  const call = await adminSession(server.mainUrl);
  await call('POST', '/internal/services', { name: 'bench' });
  const answer = { id: 42, ok: true };
  await call('POST', '/internal/services/bench/stubs', {
    request: { method: 'POST', path: '/static' },
    response: { kind: 'static', body: answer },
  });
  await call('POST', '/internal/services/bench/stubs', {
    request: { method: 'POST', path: '/python' },
    response: {
      kind: 'python',
      code: 'def handler(body, headers):\n    return {"id": body["id"], "ok": True}',
    },
  });
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
  const post = {
    connections,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"id":42,"name":"ada"}',
  };
  const pids = () => processTree(server.pid);
  const figures = await alternate(
    [
      { name: 'static stub', url: `${server.mainUrl}/proxy/bench/static`, pids, ...post },
      { name: 'python handler', url: `${server.mainUrl}/proxy/bench/python`, pids, ...post },
    ],
    { rounds: ROUNDS, seconds: SECONDS },
  );
  for (const [name, f] of Object.entries(figures)) report(name, f);
  const ratio = figures['python handler'].perCpuSecond / figures['static stub'].perCpuSecond;
  console.log(
    `added p50 latency: ${(figures['python handler'].p50 - figures['static stub'].p50).toFixed(2)} ms`,
  );
  console.log(`ratio_vs_static=${ratio.toFixed(3)}`);
} finally {
  server.stop();
}
