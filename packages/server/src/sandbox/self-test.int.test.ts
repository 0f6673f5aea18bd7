import { describe, expect, it } from 'vitest';
import { PythonHandlerRunner } from './python-handler-runner.js';
import { resolveSandboxOptions } from './sandbox-options.js';
import { runSandboxSelfTest, SANDBOX_OFF_WARNING } from './self-test.js';

// uids 61400+: each integration file has a range of its own.
const options = resolveSandboxOptions({ uidBase: 61_400, maxWorkersTotal: 4 });
const status = await runSandboxSelfTest(options);
if (!status.ok && process.env.CI === 'true')
  throw new Error(`CI requires the Python sandbox: ${status.reason}`);
if (!status.ok)
  console.warn(`\n!!! SKIPPING sandbox self-test checks: ${status.reason}. Fix: ${status.fix}\n`);

const HANDLER = 'def handler(body, headers):\n    return "hi"';

describe('the sandbox self-test', () => {
  it.skipIf(!status.ok)('passes where bwrap, setpriv and root are available', () => {
    expect(status).toEqual({
      ok: true,
      mode: 'bwrap',
      reason: undefined,
      fix: undefined,
      warning: undefined,
    });
  });

  it('says exactly what to install when bwrap is missing', async () => {
    const missing = await runSandboxSelfTest({ ...options, bwrapPath: '/nonexistent/bwrap' });
    expect(missing).toMatchObject({
      ok: false,
      reason: expect.stringContaining('/nonexistent/bwrap is missing'),
      fix: 'apt-get install bubblewrap',
    });
  });

  it('fails, with a reason, when a sandboxed worker cannot start', async () => {
    const broken = await runSandboxSelfTest({ ...options, runnerDir: '/nonexistent' });
    expect(broken).toMatchObject({
      ok: false,
      reason: expect.stringContaining('could not run'),
      fix: expect.stringContaining('bwrap'),
    });
  });

  it('refuses handler code while the sandbox does not hold, passing the fix on', async () => {
    const runner = await PythonHandlerRunner.start({ ...options, bwrapPath: '/nonexistent/bwrap' });
    const refusal = {
      code: 'SANDBOX_UNAVAILABLE',
      status: 503,
      message: expect.stringContaining('apt-get install bubblewrap'),
    };
    await expect(runner.validate({ code: HANDLER, entrypoint: 'handler' })).rejects.toMatchObject(refusal);
    const run = runner.run({
      key: 'k',
      code: HANDLER,
      entrypoint: 'handler',
      args: { body: null, headers: {} },
      timeoutMs: 1000,
    });
    await expect(run).rejects.toMatchObject(refusal);
    await runner.close();
  });

  it.skipIf(!status.ok)(
    'runs plain Python when the sandbox is off on purpose, with a loud warning',
    async () => {
      const runner = await PythonHandlerRunner.start({ ...options, sandbox: 'off' });
      expect(runner.status).toMatchObject({ ok: true, mode: 'off', warning: SANDBOX_OFF_WARNING });
      const result = await runner.run({
        key: 'k',
        code: HANDLER,
        entrypoint: 'handler',
        args: { body: null, headers: {} },
        timeoutMs: 1000,
      });
      expect(result).toMatchObject({ ok: true, value: { body: { type: 'text', value: 'hi' } } });
      await runner.close();
    },
  );
});
