import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { HandlerResponse, HandlerRunResult } from '../core/ports/handler-runner.js';
import { PythonHandlerRunner } from './python-handler-runner.js';

// Resource attacks from issue 4 against real bwrap + setpriv: each ends in a clear failure, the host
// unaffected, and the same handler answering its next call from a fresh or surviving worker.
// uids 61100+ and 61900+ (each integration file has a range of its own).
const LINGER_UID_BASE = 61_900;
const runner = await PythonHandlerRunner.start({
  uidBase: 61_100,
  maxWorkersTotal: 16,
  maxWorkersPerHandler: 1,
});
const sandboxed = runner.status.ok && runner.status.mode === 'bwrap';
if (!sandboxed && process.env.CI === 'true')
  throw new Error(`CI requires the sandbox: ${runner.status.reason}`);
if (!sandboxed)
  console.warn(`\n!!! SKIPPING sandbox limit tests: ${runner.status.reason}. Fix: ${runner.status.fix}\n`);

let handlers = 0;
/** Runs `attack(body)` as a handler, then checks that the same handler still answers a plain call. */
async function attack(lines: string[], timeoutMs = 1_500): Promise<HandlerRunResult<HandlerResponse>> {
  const code = [
    'import os, time',
    ...lines,
    'def handler(body, headers):',
    '    return "still serving" if body == "next" else attack(body)',
  ].join('\n');
  const run = (body: unknown) =>
    runner.run({
      key: `limits-${handlers}`,
      code,
      entrypoint: 'handler',
      args: { body, headers: {} },
      timeoutMs,
    });
  handlers += 1;
  const result = await run(null);
  expect(await run('next')).toMatchObject({ ok: true, value: { body: { value: 'still serving' } } });
  return result;
}

function processesOf(uidBase: number): number[] {
  const uidOf = (pid: string) => {
    try {
      return Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    } catch {
      return NaN; // it ended while we looked
    }
  };
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && uidOf(entry) >= uidBase && uidOf(entry) < uidBase + 16)
    .map(Number);
}

describe.skipIf(!sandboxed)('resource limits of the Python sandbox', () => {
  afterAll(() => runner.close());

  it('contains a fork bomb: the call times out and the handler recovers', async () => {
    const result = await attack([
      'def attack(body):',
      '    while True:',
      '        try:',
      '            os.fork()',
      '        except OSError:',
      '            pass',
    ]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('stops an infinite loop at the deadline, with a traceback at the looping line', async () => {
    const result = await attack(['def attack(body):', '    while True:', '        pass'], 500);
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'timeout', traceback: expect.stringContaining('line 3') },
    });
    expect(result.durationMs).toBeLessThan(1_500);
  });

  it('kills a loop that swallows the soft timeout once the grace period is over', async () => {
    const result = await attack(
      [
        'def attack(body):',
        '    while True:',
        '        try:',
        '            time.sleep(10)',
        '        except BaseException:',
        '            pass',
      ],
      300,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'timeout', message: expect.stringContaining('killed') },
    });
  });

  it('turns a memory bomb into a MemoryError', async () => {
    const result = await attack(
      [
        'def attack(body):',
        '    hoard = []',
        '    while True:',
        '        hoard.append(bytearray(10**7))',
        // Zeroing each 10 MB takes CPU: a generous deadline keeps a loaded machine from turning the
        // MemoryError this test is about into a timeout.
      ],
      15_000,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'exception', message: expect.stringMatching(/^MemoryError/) },
    });
  });

  it('reports a crashed interpreter (os._exit) and replaces the worker', async () => {
    const result = await attack(['def attack(body):', '    os._exit(1)']);
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'crashed', message: expect.stringContaining('exit') },
    });
  });

  it('caps 50 MB of output, printed or written straight to fd 1', async () => {
    const printed = await attack(['def attack(body):', '    print("x" * 50_000_000)', '    return 1']);
    expect(printed).toMatchObject({ ok: false, error: { kind: 'output-limit' } });
    expect(printed.stdout.length).toBeLessThanOrEqual(64 * 1024);
    const written = await attack(['def attack(body):', '    os.write(1, b"x" * 50_000_000)', '    return 1']);
    expect(written).toMatchObject({ ok: false, error: { kind: 'output-limit' } });
    expect(written.stdout.length).toBeLessThan(70 * 1024);
  });

  it('stops output trickled slowly forever at the deadline, keeping what was printed', async () => {
    const result = await attack(
      [
        'def attack(body):',
        '    while True:',
        '        print(".", end="", flush=True)',
        '        time.sleep(0.01)',
      ],
      500,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'timeout' },
      stdout: expect.stringMatching(/^\.+$/),
    });
  });

  it('reports values it cannot send as bad-return, and an exception with its traceback', async () => {
    expect(await attack(['def attack(body):', '    return object()'])).toMatchObject({
      ok: false,
      error: { kind: 'bad-return' },
    });
    expect(await attack(['def attack(body):', '    raise ValueError("no")'])).toMatchObject({
      ok: false,
      error: {
        kind: 'exception',
        message: 'ValueError: no',
        traceback: expect.stringContaining('raise ValueError'),
      },
    });
  });

  it('leaves no process behind on the host once the runner closes, even one put in the background', async () => {
    const own = await PythonHandlerRunner.start({ uidBase: LINGER_UID_BASE, maxWorkersTotal: 4 });
    const code = 'import os\ndef handler(body, headers):\n    os.system("sleep 100 &")\n    return 1';
    await own.run({
      key: 'linger',
      code,
      entrypoint: 'handler',
      args: { body: null, headers: {} },
      timeoutMs: 2_000,
    });
    expect(processesOf(LINGER_UID_BASE).length).toBeGreaterThan(0);
    await own.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(processesOf(LINGER_UID_BASE)).toEqual([]);
  });
});
