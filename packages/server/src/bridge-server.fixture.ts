import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Resolves when the process is gone. */
  exited: Promise<void>;
}

/** The built server as its own process (so it can really be SIGKILLed), on a database of the test's. */
export function startServerProcess(db: string, uidBase: number): Promise<ServerProcess> {
  const args = ['packages/server/dist/main.js', '--port', '0', '--mock-port', '0', '--db', db];
  args.push('--python-uid-base', String(uidBase), '--log-level', 'info');
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening main=(http:\/\/[^"\s]+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], exited });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

export type Api = (method: string, path: string, body?: unknown) => Promise<unknown>;

/** Calls the admin API of a server process with a Bearer token. */
export function apiOf(url: string, token: string): Api {
  return async (method, path, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  };
}

/** Registers the first user (an admin) and returns an API token, which outlives the process. */
export async function signIn(url: string): Promise<string> {
  const credentials = { username: 'crash', password: 'crash-test-password' };
  const registered = await fetch(`${url}/internal/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const cookie = registered.headers.get('set-cookie')?.split(';')[0] ?? '';
  const token = await fetch(`${url}/internal/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: new URL(url).origin },
    body: JSON.stringify({ name: 'crash' }),
  });
  return ((await token.json()) as { token: string }).token;
}
