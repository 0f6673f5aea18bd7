import { afterAll, describe, expect, it } from 'vitest';
import type { HandlerArgs, HandlerEntrypoint } from '../core/ports/handler-runner.js';
import { PythonHandlerRunner } from './python-handler-runner.js';

// The HandlerRunner contract against real sandboxed workers (uids 61200+: each integration file has its own).
const runner = await PythonHandlerRunner.start({
  uidBase: 61_200,
  maxWorkersPerHandler: 3,
  maxQueuePerHandler: 2,
  maxCallsPerWorker: 5,
});
const sandboxed = runner.status.ok;
if (!sandboxed && process.env.CI === 'true')
  throw new Error(`CI requires the Python sandbox: ${runner.status.reason}`);
if (!sandboxed)
  console.warn(`\n!!! SKIPPING HandlerRunner tests: ${runner.status.reason}. Fix: ${runner.status.fix}\n`);

const NO_ARGS: HandlerArgs = { body: null, headers: {} };

function call<E extends HandlerEntrypoint = 'handler'>(
  key: string,
  code: string,
  args = NO_ARGS,
  entrypoint?: E,
) {
  return runner.run({ key, code, entrypoint: entrypoint ?? ('handler' as E), args, timeoutMs: 2_000 });
}

const COUNTER = 'calls = 0\ndef handler(body, headers):\n    global calls\n    calls += 1\n    return calls';

describe.skipIf(!sandboxed)('PythonHandlerRunner', () => {
  afterAll(() => runner.close());

  it('turns each return shape into an HTTP response', async () => {
    const cases: [string, unknown][] = [
      [
        '{"id": body["id"]}',
        {
          status: 200,
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: { type: 'json', value: { id: 7 } },
        },
      ],
      [
        '"plain"',
        {
          status: 200,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: { type: 'text', value: 'plain' },
        },
      ],
      ['(201, [1, 2])', { status: 201, body: { type: 'json', value: [1, 2] } }],
      [
        '(202, "text", {"X-Id": 7})',
        { status: 202, headers: { 'x-id': '7', 'content-type': 'text/plain; charset=utf-8' } },
      ],
      ['(204, None)', { status: 204, headers: {}, body: null }],
      ['(__import__("http").HTTPStatus.CREATED, {})', { status: 201 }],
      ['b"\\x00\\xff"', { status: 200, body: { type: 'bytes', base64: 'AP8=' } }],
    ];
    for (const [expression, expected] of cases) {
      const result = await call(
        `shape ${expression}`,
        `def handler(body, headers):\n    return ${expression}`,
        { body: { id: 7 }, headers: {} },
      );
      expect(result, expression).toMatchObject({ ok: true, value: expected });
    }
  });

  it('reports a clear bad-return for values it cannot send', async () => {
    for (const expression of [
      'None',
      '{1, 2}',
      '(200,)',
      '("200", "x")',
      '(999, "x")',
      '(True, "x")',
      'float("nan")',
      '(200, "x", {"a": None})',
    ]) {
      const result = await call(`bad ${expression}`, `def handler(body, headers):\n    return ${expression}`);
      expect(result, expression).toMatchObject({
        ok: false,
        error: { kind: 'bad-return', message: expect.any(String) },
      });
    }
  });

  it('captures print output and the traceback of an exception', async () => {
    const code =
      'import sys\ndef handler(body, headers):\n    print("to stdout")\n    print("to stderr", file=sys.stderr)\n    return {}["missing"]';
    const result = await call('traceback', code);
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'exception',
        message: "KeyError: 'missing'",
        traceback: expect.stringContaining('line 5, in handler'),
      },
      stdout: 'to stdout\n',
      stderr: 'to stderr\n',
    });
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('passes the request to handlers that declare a third parameter', async () => {
    const request = { method: 'POST', path: '/orders/7', params: { id: '7' }, query: { dry: ['1', '2'] } };
    const code =
      'def handler(body, headers, request):\n    return [request["method"], request["params"]["id"], request["query"]["dry"], headers["x-a"]]';
    const result = await call('request', code, { body: null, headers: { 'x-a': 'b' }, request });
    expect(result).toMatchObject({ ok: true, value: { body: { value: ['POST', '7', ['1', '2'], 'b'] } } });
  });

  it('round-trips unicode and binary-ish bodies', async () => {
    const body = {
      text: 'héllo ✓ 日本 🎉',
      controls: '\u0000\u0001\u007f',
      latin1: '\u00ff\u00fe',
      lone: '\ud800',
    };
    const result = await call(
      'echo',
      'def handler(body, headers):\n    print(body["text"])\n    return body',
      { body, headers: {} },
    );
    expect(result).toMatchObject({
      ok: true,
      value: { body: { type: 'json', value: body } },
      stdout: 'héllo ✓ 日本 🎉\n',
    });
  });

  it('offers the standard library: time, randomness, hashing, UUIDs', async () => {
    const code = [
      'import datetime, hashlib, random, uuid',
      'def handler(body, headers):',
      '    now = datetime.datetime.now(datetime.timezone.utc).year',
      '    return [now > 2000, len(str(uuid.uuid4())), hashlib.sha256(b"x").hexdigest()[:8], random.random() < 1]',
    ].join('\n');
    expect(await call('stdlib', code)).toMatchObject({
      ok: true,
      value: { body: { value: [true, 36, '2d711642', true] } },
    });
  });

  it('runs mappers: None drops, a list fans out, a tuple sets headers', async () => {
    const code =
      'def mapper(body, headers):\n    if body == "drop":\n        return None\n    return [body, (body, {"k": "v"})]';
    expect(await call('mapper', code, { body: 'drop', headers: {} }, 'mapper')).toMatchObject({
      ok: true,
      value: { messages: [] },
    });
    const fanned = await call('mapper', code, { body: { n: 1 }, headers: {} }, 'mapper');
    expect(fanned).toMatchObject({
      ok: true,
      value: {
        messages: [{ body: { type: 'json', value: { n: 1 } }, headers: {} }, { headers: { k: 'v' } }],
      },
    });
  });

  it('loads the code once per worker and keeps it warm between calls', async () => {
    const results = [];
    for (let i = 0; i < 3; i += 1) results.push(await call('warm', COUNTER));
    expect(results.map((r) => (r.ok ? r.value.body : undefined))).toEqual(
      [1, 2, 3].map((value) => ({ type: 'json', value })),
    );
  });

  it('recycles a worker after maxCallsPerWorker calls', async () => {
    const seen = [];
    for (let i = 0; i < 7; i += 1) {
      const result = await call('recycle', COUNTER);
      seen.push(result.ok ? result.value.body?.type === 'json' && result.value.body.value : undefined);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 1, 2]);
  });

  it('never shares workers or module globals between two handlers', async () => {
    const setter =
      'import builtins\nshared = "A"\ndef handler(body, headers):\n    builtins.leak = "A"\n    return shared';
    const reader =
      'import builtins\ndef handler(body, headers):\n    return [globals().get("shared"), getattr(builtins, "leak", None)]';
    await call('handler-a', setter);
    const result = await call('handler-b', reader);
    expect(result).toMatchObject({ ok: true, value: { body: { value: [null, null] } } });
  });

  it('starts a new pool when the code of a key changes', async () => {
    await call('changing', 'def handler(body, headers):\n    return "old"');
    const result = await call('changing', 'def handler(body, headers):\n    return "new"');
    expect(result).toMatchObject({ ok: true, value: { body: { value: 'new' } } });
  });

  it('runs calls to one handler in parallel, up to maxWorkersPerHandler', async () => {
    const code = 'import time\ndef handler(body, headers):\n    time.sleep(0.4)\n    return 1';
    await Promise.all([1, 2, 3].map(() => call('parallel', code))); // warm three workers
    const started = performance.now();
    const results = await Promise.all([1, 2, 3].map(() => call('parallel', code)));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000); // sequentially: 1.2 s
  });

  it('refuses calls with HANDLER_BUSY when the queue is full', async () => {
    const code = 'import time\ndef handler(body, headers):\n    time.sleep(0.3)\n    return 1';
    const calls = Array.from({ length: 6 }, () =>
      call('busy', code).then(
        () => 'served',
        (error: unknown) => error,
      ),
    );
    const outcomes = await Promise.all(calls);
    expect(outcomes.filter((o) => o === 'served')).toHaveLength(5); // 3 running + 2 queued
    expect(outcomes.find((o) => o !== 'served')).toMatchObject({
      code: 'HANDLER_BUSY',
      status: 503,
      retryAfterSeconds: 1,
    });
  });

  it('reports a module that fails to load as an exception of the call', async () => {
    const result = await call(
      'load-fails',
      'raise RuntimeError("at import")\ndef handler(body, headers):\n    pass',
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'exception', message: 'RuntimeError: at import' },
    });
  });
});

// Quick handlers under concurrent load: calls are pipelined to busy workers (uids 61500+).
describe.skipIf(!sandboxed)('PythonHandlerRunner with pipelined calls', () => {
  const busy = PythonHandlerRunner.start({ uidBase: 61_500, maxWorkersTotal: 8, maxWorkersPerHandler: 2 });
  afterAll(async () => (await busy).close());

  const ECHO = [
    'import os',
    'def handler(body, headers):',
    '    if body == "hang":',
    '        while True:',
    '            pass',
    '    return [body, os.getpid()]',
  ].join('\n');
  const run = async (key: string, body: unknown, timeoutMs = 5_000) =>
    (await busy).run({ key, code: ECHO, entrypoint: 'handler', args: { body, headers: {} }, timeoutMs });
  const echoed = (result: Awaited<ReturnType<typeof run>>) =>
    result.ok && result.value.body?.type === 'json'
      ? (result.value.body.value as [unknown, number])
      : undefined;

  it('answers every one of many concurrent calls with its own result', async () => {
    for (let i = 0; i < 5; i += 1) await run('many', 'warm');
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => run('many', i)));
    expect(results.map((result) => echoed(result)?.[0])).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(new Set(results.map((result) => echoed(result)?.[1])).size).toBeLessThanOrEqual(2);
  });

  it('serves the calls queued behind one that timed out from a fresh worker', async () => {
    for (let i = 0; i < 5; i += 1) await run('behind', 'warm');
    const hung = run('behind', 'hang', 300);
    const queued = await Promise.all([1, 2, 3].map((n) => run('behind', n)));
    expect(await hung).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(queued.map((result) => echoed(result)?.[0])).toEqual([1, 2, 3]);
  });
});
