import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HandlerArgs } from '../core/ports/handler-runner.js';
import type { CallReply, PoolWorker } from './handler-worker.js';
import { WorkerPool, type PoolSettings } from './worker-pool.js';
import type { Outcome } from './worker-protocol.js';
import { WorkerSlots } from './worker-slots.js';

const OUTPUT = { stdout: '', stderr: '', retire: false };
const ARGS: HandlerArgs = { body: null, headers: {} };

/** A worker whose calls finish when the test says so; its value names its slot and call count. */
class FakeWorker implements PoolWorker<string> {
  static running = 0;
  static maxRunning = 0;
  readonly exited: Promise<void>;
  calls = 0;
  #exit!: () => void;
  #finish: ((reply: CallReply<string>) => void)[] = [];

  constructor(
    readonly slot: number,
    readonly loadOutcome: Outcome<null> = { ok: true, value: null, ...OUTPUT },
  ) {
    this.exited = new Promise((resolve) => (this.#exit = resolve));
  }

  load = async (): Promise<Outcome<null>> => this.loadOutcome;

  call = (args: HandlerArgs, _timeoutMs: number, done: (reply: CallReply<string>) => void): boolean => {
    if (args.body === 'unencodable') throw new TypeError('Do not know how to serialize a BigInt');
    this.calls += 1;
    this.held.push(args.body);
    FakeWorker.running += 1;
    FakeWorker.maxRunning = Math.max(FakeWorker.maxRunning, FakeWorker.running);
    this.#finish.push(done);
    return true;
  };

  /** Calls handed over and not finished yet, by body. */
  held: unknown[] = [];
  /** How long each call reports it ran. */
  runMs = 5;

  finish(outcome: Partial<Outcome<string>> = {}): void {
    const done = this.#finish.shift();
    if (!done) return;
    FakeWorker.running -= 1;
    const body = this.held.shift();
    const value = `slot ${this.slot} call ${this.calls - this.#finish.length}${body ? ` ${String(body)}` : ''}`;
    const result = { ok: true, value, ...OUTPUT, ...outcome } as Outcome<string>;
    done({ started: true, ms: this.runMs, runMs: this.runMs, outcome: result });
  }

  kill = (): void => queueMicrotask(() => this.#exit());

  /** Dies as a retiring worker does: nothing it still held has started. */
  retire = (): void => {
    for (const done of this.#finish.splice(0)) done({ started: false });
    FakeWorker.running -= this.held.splice(0).length;
    this.kill();
  };
}

const SETTINGS: PoolSettings = {
  maxWorkers: 2,
  maxQueue: 2,
  idleTimeoutMs: 1_000,
  maxCallsPerWorker: 3,
  retryAfterSeconds: 1,
  pipelineDepth: 1,
};
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(settings: Partial<PoolSettings> = {}, slotCount = 8, load?: Outcome<null>, broken = false) {
  const workers: FakeWorker[] = [];
  const pools: WorkerPool<string>[] = [];
  const slots = new WorkerSlots(1, slotCount, () => pools);
  const onEmpty = vi.fn();
  const make = () => {
    const pool = new WorkerPool<string>(
      (slot) => {
        if (broken) throw new Error('spawn EAGAIN');
        const worker = new FakeWorker(slot, load);
        workers.push(worker);
        return { worker, slot };
      },
      slots,
      { ...SETTINGS, ...settings },
      onEmpty,
    );
    pools.push(pool);
    return pool;
  };
  return { pool: make(), make, workers, slots, onEmpty };
}

/** Finishes the oldest unfinished call of each worker that has one. */
async function finishAll(workers: FakeWorker[], outcome?: Partial<Outcome<string>>): Promise<void> {
  await settle();
  for (const worker of workers) worker.finish(outcome);
  await settle();
}

afterEach(() => {
  FakeWorker.running = 0;
  FakeWorker.maxRunning = 0;
  vi.useRealTimers();
});

describe('WorkerPool', () => {
  it('starts a worker on the first call and keeps it warm for the next', async () => {
    const { pool, workers } = setup();
    const first = pool.run(ARGS, 100);
    await finishAll(workers);
    const second = pool.run(ARGS, 100);
    await finishAll(workers);
    expect(await first).toMatchObject({ ok: true, value: 'slot 1 call 1' });
    expect(await second).toMatchObject({ ok: true, value: 'slot 1 call 2' });
    expect(workers).toHaveLength(1);
  });

  it('runs up to maxWorkers calls at once and queues the rest in order', async () => {
    const { pool, workers } = setup();
    const results = [1, 2, 3, 4].map(() => pool.run(ARGS, 100));
    await finishAll(workers);
    await finishAll(workers);
    expect(await Promise.all(results)).toHaveLength(4);
    expect(workers).toHaveLength(2);
    expect(FakeWorker.maxRunning).toBe(2);
  });

  it('refuses calls with HANDLER_BUSY once maxQueue calls wait behind busy workers', async () => {
    const { pool } = setup();
    const accepted = [1, 2, 3, 4].map(() => pool.run(ARGS, 100));
    await settle();
    await expect(pool.run(ARGS, 100)).rejects.toMatchObject({ code: 'HANDLER_BUSY', retryAfterSeconds: 1 });
    expect(accepted).toHaveLength(4);
  });

  it('recycles a worker after maxCallsPerWorker calls', async () => {
    const { pool, workers } = setup({ maxWorkers: 1 });
    for (let i = 0; i < 4; i += 1) {
      const result = pool.run(ARGS, 100);
      await finishAll(workers);
      await result;
    }
    expect(workers.map((w) => w.calls)).toEqual([3, 1]);
  });

  it('replaces a worker whose call asked to retire it (timeout, crash)', async () => {
    const { pool, workers } = setup({ maxWorkers: 1 });
    const failed = pool.run(ARGS, 100);
    await finishAll(workers, { ok: false, error: { kind: 'crashed', message: 'gone' }, retire: true });
    expect(await failed).toMatchObject({ ok: false, error: { kind: 'crashed' } });
    const next = pool.run(ARGS, 100);
    await finishAll(workers.slice(1));
    expect(await next).toMatchObject({ ok: true, value: 'slot 2 call 1' });
  });

  it('stops idle workers after idleTimeoutMs and reports the pool empty', async () => {
    vi.useFakeTimers();
    const { pool, workers, onEmpty, slots } = setup();
    const result = pool.run(ARGS, 100);
    await vi.advanceTimersByTimeAsync(0);
    workers[0]?.finish();
    await result;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pool.size).toBe(0);
    expect(onEmpty).toHaveBeenCalledWith(pool);
    expect(slots.available).toBe(8);
  });

  it('fails every queued call with the load error when no worker could load the code', async () => {
    const failure = {
      ok: false as const,
      error: { kind: 'exception' as const, message: 'SyntaxError' },
      ...OUTPUT,
    };
    const { pool } = setup({}, 8, failure);
    const results = await Promise.all([1, 2, 3].map(() => pool.run(ARGS, 100)));
    expect(results.every((r) => !r.ok && r.error.message === 'SyntaxError')).toBe(true);
  });

  it('takes the slot of another pool’s longest-idle worker when all slots are in use', async () => {
    const { pool, make, workers } = setup({}, 1);
    const first = pool.run(ARGS, 100);
    await finishAll(workers);
    await first;
    const other = make().run(ARGS, 100);
    await settle();
    await finishAll(workers.slice(1));
    expect(await other).toMatchObject({ ok: true, value: 'slot 1 call 1' });
    expect(pool.size).toBe(0);
  });

  it('rejects queued calls when closed', async () => {
    const { pool, workers } = setup({ maxWorkers: 1 });
    const running = pool.run(ARGS, 100);
    const queued = pool.run(ARGS, 100);
    await settle();
    const closed = pool.close();
    await expect(queued).rejects.toMatchObject({ code: 'SANDBOX_UNAVAILABLE' });
    workers[0]?.finish();
    await closed;
    await expect(running).resolves.toMatchObject({ ok: true });
  });

  it('rejects a call whose arguments cannot be sent, and keeps the worker', async () => {
    const { pool, workers } = setup();
    await expect(pool.run({ body: 'unencodable', headers: {} }, 100)).rejects.toThrow(/BigInt/);
    const next = pool.run(ARGS, 100);
    await finishAll(workers);
    expect(await next).toMatchObject({ ok: true, value: 'slot 1 call 1' });
    expect(workers).toHaveLength(1);
  });

  it('fails calls cleanly when a worker cannot even be started', async () => {
    const { pool, slots } = setup({}, 8, undefined, true);
    expect(await pool.run(ARGS, 100)).toMatchObject({
      ok: false,
      error: { kind: 'crashed', message: /EAGAIN/ },
    });
    expect(slots.available).toBe(8);
  });
});

describe('WorkerPool pipelining', () => {
  const PIPELINED = { maxWorkers: 2, pipelineDepth: 4, maxQueue: 8, maxCallsPerWorker: 100 };

  /** A pool whose one warm worker has shown that calls take `runMs`. */
  async function warmed(runMs: number, settings: Partial<PoolSettings> = PIPELINED) {
    const context = setup(settings);
    const first = context.pool.run(ARGS, 100);
    await settle();
    context.workers[0]!.runMs = runMs;
    await finishAll(context.workers);
    await first;
    return context;
  }

  it('hands quick calls to the busy worker’s pipe instead of waking another worker', async () => {
    const { pool, workers } = await warmed(0.05);
    const results = ['a', 'b', 'c', 'd'].map((body) => pool.run({ body, headers: {} }, 100));
    await settle();
    expect(workers).toHaveLength(1);
    expect(workers[0]!.held).toEqual(['a', 'b', 'c', 'd']);
    for (let i = 0; i < 4; i += 1) workers[0]!.finish();
    expect((await Promise.all(results)).map((r) => r.ok && r.value)).toEqual([
      'slot 1 call 2 a',
      'slot 1 call 3 b',
      'slot 1 call 4 c',
      'slot 1 call 5 d',
    ]);
  });

  it('starts another worker once the pipe is full', async () => {
    const { pool, workers } = await warmed(0.05);
    const results = [1, 2, 3, 4, 5].map((body) => pool.run({ body, headers: {} }, 100));
    await settle();
    expect(workers.map((w) => w.held)).toEqual([[1, 2, 3, 4], [5]]);
    await finishAll(workers);
    await finishAll(workers);
    await finishAll(workers);
    await finishAll(workers);
    expect(await Promise.all(results)).toHaveLength(5);
  });

  it('keeps one call per worker for handlers that take a while', async () => {
    const { pool, workers } = await warmed(5);
    const results = [1, 2, 3].map((body) => pool.run({ body, headers: {} }, 100));
    await settle();
    expect(workers.map((w) => w.held)).toEqual([[1], [2]]);
    await finishAll(workers);
    await finishAll(workers);
    expect(await Promise.all(results)).toHaveLength(3);
  });

  it('gives the calls a retiring worker never started to another worker, in order', async () => {
    const { pool, workers } = await warmed(0.05, { ...PIPELINED, maxWorkers: 1 });
    const results = ['a', 'b', 'c'].map((body) => pool.run({ body, headers: {} }, 100));
    await settle();
    workers[0]!.finish({ ok: false, error: { kind: 'timeout', message: 'late' }, retire: true });
    await settle();
    await settle();
    expect(workers[1]?.held).toEqual(['b', 'c']);
    await finishAll(workers.slice(1));
    await finishAll(workers.slice(1));
    const [a, b, c] = await Promise.all(results);
    expect(a).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect([b, c]).toMatchObject([
      { ok: true, value: 'slot 2 call 1 b' },
      { ok: true, value: 'slot 2 call 2 c' },
    ]);
  });

  it('counts calls waiting in a worker’s pipe against maxQueue', async () => {
    const { pool } = await warmed(0.05, { ...PIPELINED, maxWorkers: 1, maxQueue: 2 });
    const accepted = [1, 2, 3].map((body) => pool.run({ body, headers: {} }, 100));
    await settle();
    await expect(pool.run(ARGS, 100)).rejects.toMatchObject({ code: 'HANDLER_BUSY' });
    expect(accepted).toHaveLength(3);
  });
});
