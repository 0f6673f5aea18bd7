import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Starts a child process and resolves once its output matches `ready`. */
function startAndWait(command, args, ready) {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) resolve({ child, match, pid: child.pid });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}:\n${output}`)));
  });
}

/**
 * The built Understudy server on SQLite in a temp folder (run `npm run build` first).
 * UNDERSTUDY_MAIN picks another build (e.g. a copy of the previous commit) to compare against.
 */
export async function startUnderstudy(extraArgs = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'understudy-bench-'));
  const args = [
    process.env.UNDERSTUDY_MAIN ?? 'packages/server/dist/main.js',
    '--port',
    '0',
    '--mock-port',
    '0',
    '--db',
    `sqlite:${dir}/bench.db`,
  ];
  const ready = /listening main=(http:\/\/[^"\s]+)[\s\S]*listening mock=(http:\/\/[^"\s]+)/;
  const { child, pid, match } = await startAndWait(process.execPath, [...args, ...extraArgs], ready);
  const stop = () => {
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { child, pid, mainUrl: match[1], mockUrl: match[2], stop };
}

/** A bare node:http server answering every request with the given bytes: the baseline. */
export async function startBareServer(body, headers) {
  const script = `
    const http = require('node:http');
    const body = Buffer.from(${JSON.stringify(body)});
    const headers = ${JSON.stringify(headers)};
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => { res.writeHead(200, headers); res.end(body); });
    });
    server.listen(0, '127.0.0.1', () => console.log('bare listening ' + server.address().port));`;
  const { child, pid, match } = await startAndWait(process.execPath, ['-e', script], /bare listening (\d+)/);
  return { child, pid, url: `http://127.0.0.1:${match[1]}`, stop: () => child.kill('SIGTERM') };
}
