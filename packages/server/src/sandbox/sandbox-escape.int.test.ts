import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerResponse, HandlerRunResult } from '../core/ports/handler-runner.js';
import { PythonHandlerRunner } from './python-handler-runner.js';

// Escape attempts from issue 4 against real bwrap + setpriv: host files, network, privileges. Each must
// fail inside the sandbox and leave the handler serving. uids 61000+ (each integration file has a range).
const runner = await PythonHandlerRunner.start({
  uidBase: 61_000,
  maxWorkersTotal: 16,
  maxWorkersPerHandler: 1,
});
const sandboxed = runner.status.ok && runner.status.mode === 'bwrap';
if (!sandboxed && process.env.CI === 'true')
  throw new Error(`CI requires the sandbox: ${runner.status.reason}`);
if (!sandboxed)
  console.warn(`\n!!! SKIPPING sandbox escape tests: ${runner.status.reason}. Fix: ${runner.status.fix}\n`);

let handlers = 0;
/** Runs `attack(body)` as a handler, then checks that the same handler still answers a plain call. */
async function attack(lines: string[], body: unknown = null): Promise<HandlerRunResult<HandlerResponse>> {
  const code = [
    'import ctypes, os, socket, subprocess, time',
    ...lines,
    'def handler(body, headers):',
    '    return "still serving" if body == "next" else attack(body)',
  ].join('\n');
  const run = (payload: unknown) =>
    runner.run({
      key: `escape-${handlers}`,
      code,
      entrypoint: 'handler',
      args: { body: payload, headers: {} },
      timeoutMs: 1_500,
    });
  handlers += 1;
  const result = await run(body);
  expect(await run('next')).toMatchObject({ ok: true, value: { body: { value: 'still serving' } } });
  return result;
}

const bodyOf = (result: HandlerRunResult<HandlerResponse>): unknown =>
  result.ok && result.value.body?.type !== 'bytes' ? result.value.body?.value : undefined;

describe.skipIf(!sandboxed)('escaping the Python sandbox', () => {
  let secretDir = '';
  let listener: net.Server;
  let listenerPort = 0;
  let connections = 0;

  beforeAll(async () => {
    secretDir = mkdtempSync(path.join(os.tmpdir(), 'understudy-secret-'));
    writeFileSync(path.join(secretDir, 'understudy.sqlite'), 'the server database');
    listener = net.createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    listenerPort = (listener.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await runner.close();
    listener.close();
    rmSync(secretDir, { recursive: true, force: true });
  });

  it('cannot read host files: /etc/passwd, /etc/shadow, /root, the repository, the database, /proc/1', async () => {
    const database = path.join(secretDir, 'understudy.sqlite');
    const paths = [
      '/etc/passwd',
      '/etc/shadow',
      '/root',
      process.cwd(),
      database,
      '/proc/1/environ',
      '/proc/1/root/etc/passwd',
    ];
    const seen = bodyOf(
      await attack(
        [
          'def attack(paths):',
          '    seen = {}',
          '    for path in paths:',
          '        try:',
          '            seen[path] = open(path).read(100)',
          '        except Exception as error:',
          '            seen[path] = type(error).__name__',
          '    return seen',
        ],
        paths,
      ),
    ) as Record<string, string>;
    for (const p of paths)
      expect(seen[p], p).toMatch(/^(FileNotFoundError|PermissionError|IsADirectoryError)$/);
  });

  it('has no network: the server, PostgreSQL and outside addresses are all unreachable', async () => {
    const targets = [['127.0.0.1', listenerPort], ['127.0.0.1', 5432], ['8.8.8.8', 53], ['::1', listenerPort]]; // prettier-ignore
    const outcomes = bodyOf(
      await attack(
        [
          'def attack(targets):',
          '    out = []',
          '    for host, port in targets:',
          '        try:',
          '            socket.create_connection((host, port), timeout=1).close()',
          '            out.append("connected")',
          '        except OSError as error:',
          '            out.append(type(error).__name__)',
          '    return out',
        ],
        targets,
      ),
    ) as string[];
    expect(outcomes).toHaveLength(4);
    expect(outcomes).not.toContain('connected');
    expect(connections).toBe(0);
  });

  it('can write only into its own /tmp, and not beyond the size of that tmpfs', async () => {
    const result = await attack([
      'def write(path, size):',
      '    try:',
      '        with open(path, "wb") as f:',
      '            f.write(b"x" * size)',
      '        return "written"',
      '    except OSError as error:',
      '        return type(error).__name__',
      'def attack(body):',
      '    return [write("/usr/evil", 1), write("/evil", 1), write("/tmp/ok", 10), write("/tmp/big", 40 * 2**20)]',
    ]);
    expect(bodyOf(result)).toEqual(['OSError', 'PermissionError', 'written', 'OSError']);
  });

  it('cannot use ctypes to create a user namespace or remount anything', async () => {
    const result = await attack([
      'def attack(body):',
      '    libc = ctypes.CDLL(None, use_errno=True)',
      '    userns = [libc.unshare(0x10000000), ctypes.get_errno()]',
      '    mount = [libc.mount(b"none", b"/usr", b"tmpfs", 0, None), ctypes.get_errno()]',
      '    remount = [libc.mount(None, b"/usr", None, 0x20 | 0x1000, None), ctypes.get_errno()]',
      '    return [userns, mount, remount]',
    ]);
    expect(bodyOf(result)).toEqual([
      [-1, 1],
      [-1, 1],
      [-1, 1],
    ]); // EPERM
  });

  it('runs os.system, subprocess and fork_exec only as the unprivileged worker, inside the sandbox', async () => {
    const result = await attack([
      'import _posixsubprocess',
      'def attack(body):',
      '    status = os.system("cat /etc/passwd")',
      '    uid = subprocess.run(["id", "-u"], capture_output=True, text=True).stdout.strip()',
      '    return [status != 0, int(uid), hasattr(_posixsubprocess, "fork_exec")]',
    ]);
    const [failed, uid] = bodyOf(result) as [boolean, number];
    expect(failed).toBe(true);
    expect(uid).toBeGreaterThan(61_000);
    expect(result.stderr).toContain('/etc/passwd');
  });

  it('cannot kill its parent: os.kill(os.getppid(), 9) is refused', async () => {
    const result = await attack(['def attack(body):', '    os.kill(os.getppid(), 9)']);
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'exception', message: expect.stringMatching(/^PermissionError/) },
    });
  });

  it('reaches only its own processes with kill(-1)', async () => {
    const result = await attack([
      'def attack(body):',
      '    child = subprocess.Popen(["sleep", "100"])',
      '    os.kill(-1, 9)',
      '    return child.wait()',
    ]);
    expect(bodyOf(result)).toBe(-9);
  });

  it('gets killed for forging frames on fd 3', async () => {
    const result = await attack([
      'def attack(body):',
      '    os.write(3, b"\\x00\\x00\\x00\\x05hello")',
      '    time.sleep(1)',
    ]);
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'crashed', message: expect.stringContaining('fd 3') },
    });
  });
});
