import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempSqliteUrl } from './testing/temp-sqlite.js';

// The built command (npm test builds first), run the way a user runs it.
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const temp = tempSqliteUrl();
afterAll(() => temp.remove());

function startServer(args: string[]) {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<{ main: string; mock: string }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const main = /listening main=(http:\/\/[^"\s]+)/.exec(output);
      const mock = /listening mock=(http:\/\/[^"\s]+)/.exec(output);
      if (main?.[1] && mock?.[1]) resolve({ main: main[1], mock: mock[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  ready.catch(() => undefined); // commands that exit on purpose (--help) never get ready
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => output };
}

describe.skipIf(!fs.existsSync(MAIN))('the understudy command', () => {
  it('prints usage for --help and refuses a bad flag with exit code 2', async () => {
    const help = startServer(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.output()).toContain('Usage: understudy');
    const bad = startServer(['--port', 'eighty']);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain('--port must be a whole number');
  });

  it('logs both chosen ports, then on SIGTERM finishes in-flight requests and flushes the journal', async () => {
    const server = startServer(['--port', '0', '--mock-port', '0', '--db', temp.url]);
    const { main, mock } = await server.ready;
    expect(mock).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const register = await fetch(`${main}/internal/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password: 'correct horse battery' }),
    });
    const { token } = (await (
      await fetch(`${main}/internal/tokens`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: register.headers.get('set-cookie') ?? '',
          origin: main,
        },
        body: JSON.stringify({ name: 't' }),
      })
    ).json()) as { token: string };
    const admin = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await fetch(`${main}/internal/services`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'slow' }),
    });
    const stub = { request: { path: '/wait' }, response: { kind: 'static', text: 'done', delayMs: 700 } };
    await fetch(`${main}/internal/services/slow/stubs`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(stub),
    });

    const inFlight = fetch(`${main}/proxy/slow/wait`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('done');
    expect(await server.exited).toBe(0);

    const db = new SQLite(temp.url.slice('sqlite:'.length), { readonly: true });
    const row = db
      .prepare("select status from journal_entries where service = 'slow' and path = '/wait'")
      .get();
    db.close();
    expect(row).toEqual({ status: 200 });
  });
});
