import { afterAll, describe, expect, it } from 'vitest';
import type { HandlerEntrypoint } from '../core/ports/handler-runner.js';
import { PythonHandlerRunner } from './python-handler-runner.js';

// Save-time validation in a real sandboxed checker (uids 61300+: each integration file has its own).
const runner = await PythonHandlerRunner.start({ uidBase: 61_300, maxWorkersTotal: 4 });
const sandboxed = runner.status.ok;
if (!sandboxed && process.env.CI === 'true')
  throw new Error(`CI requires the Python sandbox: ${runner.status.reason}`);
if (!sandboxed)
  console.warn(`\n!!! SKIPPING validation tests: ${runner.status.reason}. Fix: ${runner.status.fix}\n`);

describe.skipIf(!sandboxed)('validating handler code at save time', () => {
  afterAll(() => runner.close());

  it('validates code at save time with the line and column of a syntax error', async () => {
    await expect(
      runner.validate({ code: 'def handler(body, headers):\n    return (1,', entrypoint: 'handler' }),
    ).rejects.toMatchObject({
      code: 'HANDLER_INVALID',
      status: 400,
      position: { line: 2, column: 12 },
      details: [{ path: '/response/code', message: expect.stringMatching(/^line 2, column 12: /) }],
    });
  });

  it('validates the entrypoint and its parameters without running the code', async () => {
    const invalid: [string, HandlerEntrypoint, RegExp][] = [
      ['def handle(body, headers):\n    pass', 'handler', /must define def handler/],
      ['def handler(body):\n    pass', 'handler', /^line 1, column 1: handler takes 1 parameter;/],
      ['async def handler(body, headers):\n    pass', 'handler', /not async def/],
      ['def mapper(body, headers, request):\n    pass', 'mapper', /mapper takes 3 parameters/],
    ];
    for (const [code, entrypoint, message] of invalid) {
      await expect(runner.validate({ code, entrypoint }), code).rejects.toMatchObject({
        details: [{ message: expect.stringMatching(message) }],
      });
    }
    const sideEffect = 'import os\nos._exit(1)\ndef handler(body, headers, request):\n    pass';
    await expect(runner.validate({ code: sideEffect, entrypoint: 'handler' })).resolves.toBeUndefined();
  });

  it('points a mapper’s problems at /mapper/code, or at the pointer given', async () => {
    const code = 'def mapper(body):\n    pass';
    await expect(runner.validate({ code, entrypoint: 'mapper' })).rejects.toMatchObject({
      details: [{ path: '/mapper/code' }],
    });
    await expect(
      runner.validate({ code, entrypoint: 'mapper', pointer: '/reply/code' }),
    ).rejects.toMatchObject({
      details: [{ path: '/reply/code' }],
    });
  });

  it('refuses code longer than 256 KiB without asking Python', async () => {
    const code = `def handler(body, headers):\n    return 1\n${'#'.repeat(300_000)}`;
    await expect(runner.validate({ code, entrypoint: 'handler' })).rejects.toMatchObject({
      code: 'HANDLER_INVALID',
    });
  });

  it('survives pathological code: deep nesting is reported, not fatal', async () => {
    const code = `def handler(body, headers):\n    return ${'('.repeat(5_000)}1${')'.repeat(5_000)}`;
    await expect(runner.validate({ code, entrypoint: 'handler' })).rejects.toMatchObject({
      code: 'HANDLER_INVALID',
    });
    await expect(
      runner.validate({ code: 'def handler(body, headers):\n    return 1', entrypoint: 'handler' }),
    ).resolves.toBeUndefined();
  });
});
