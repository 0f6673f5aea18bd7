// Runs every benchmark, one after another (they would disturb each other's CPU figures side by side),
// and ends with the ratio lines of all of them. `npm run bench` builds first; name benches to run only
// those: `node bench/run-all.js mock-static proxy`. Brokers and PostgreSQL must be up for the intake
// and bridge benches (as for the integration tests).
import { spawn } from 'node:child_process';

const BENCHES = [
  'mock-static', // issue 3: static stub vs bare node:http
  'proxy', // issue 5: proxying vs the upstream called directly
  'handler-http', // issue 4: Python handler vs the same static stub
  'handler-bench', // issue 4: the sandboxed runner alone, cold start
  'journal-writer', // the journal's CPU per call
  'intake-rabbitmq-store', // issue 6: intake into SQLite and PostgreSQL vs a bare consumer
  'intake-rabbitmq', // the RabbitMQ adapter alone
  'intake-nats', // issue 8: the adapters alone
  'intake-redis',
  'intake-mqtt',
  'intake-store-kinds', // issue 8: intake into the store per broker kind vs bare clients
  'bridge-rabbitmq', // issue 7: bridge vs a bare consume → publish → ack pipe
];

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !BENCHES.includes(name));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')}; known: ${BENCHES.join(', ')}`);
  process.exit(2);
}

/** Runs one bench, echoing its output; resolves with its ratio lines and exit code. */
function run(name) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`bench/${name}.js`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ratios = [];
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (/ratio/.test(line)) ratios.push(line.trim());
    });
    child.on('close', (code) => resolve({ ratios, code }));
  });
}

const summary = [];
let failed = 0;
for (const name of chosen.length ? chosen : BENCHES) {
  console.log(`\n=== ${name}`);
  const { ratios, code } = await run(name);
  if (code !== 0) failed += 1;
  summary.push(`${name}: ${code === 0 ? ratios.join('  ') || '(no ratio line)' : `FAILED (exit ${code})`}`);
}
console.log(`\n=== summary\n${summary.join('\n')}`);
process.exitCode = failed ? 1 : 0;
