import { execFile, spawn, type ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

/**
 * Process helpers for the broker fault tests (run as root in the serial `faults` project only). A
 * broker is stopped by the pid of the process listening on its port, never by a process name, so
 * nothing else on the machine is touched.
 */
export const run = promisify(execFile);

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function waitForPort(port: number, open: boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await portOpen(port)) !== open) {
    if (Date.now() > deadline)
      throw new Error(`port ${port} did not ${open ? 'open' : 'close'} in ${timeoutMs} ms`);
    await sleep(50);
  }
}

export function isPortOpen(port: number): Promise<boolean> {
  return portOpen(port);
}

/** The pid of the process listening on 127.0.0.1:`port`, from `ss`. */
export async function pidListeningOn(port: number): Promise<number | null> {
  const { stdout } = await run('ss', ['-ltnpH', `sport = :${port}`]);
  const match = /pid=(\d+)/.exec(stdout);
  return match ? Number(match[1]) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the server on `port` with SIGTERM (a clean shutdown: brokers flush what they persist). */
export async function stopServerOn(port: number, timeoutMs = 20_000): Promise<void> {
  const pid = await pidListeningOn(port);
  if (pid === null) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`the server on port ${port} (pid ${pid}) did not stop`);
    await sleep(50);
  }
}

/** A free loopback port for a throwaway server. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A throwaway server process of the test's own (e.g. a broker that requires credentials). */
export class ThrowawayServer {
  readonly #child: ChildProcess;

  private constructor(child: ChildProcess) {
    this.#child = child;
  }

  static async start(command: string, args: string[], port: number): Promise<ThrowawayServer> {
    const child = spawn(command, args, { stdio: 'ignore' });
    const server = new ThrowawayServer(child);
    try {
      await waitForPort(port, true, 10_000);
    } catch (err) {
      await server.stop();
      throw err;
    }
    return server;
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.kill('SIGTERM');
    await exited;
  }
}
