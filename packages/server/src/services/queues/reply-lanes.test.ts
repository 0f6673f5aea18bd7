import { describe, expect, it } from 'vitest';
import { LaneAbandonedError, LaneFullError, ReplyLanes } from './reply-lanes.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ReplyLanes', () => {
  it('runs at most maxRunning tasks of a key at once, the rest in order as slots free up', async () => {
    const lanes = new ReplyLanes(2, 10);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      lanes.run('q', async () => {
        started.push(i);
        await gate.promise;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates.forEach((g) => g.resolve());
    await Promise.all(runs);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('keeps keys apart', async () => {
    const lanes = new ReplyLanes(1, 10);
    const gate = deferred();
    const first = lanes.run('a', () => gate.promise);
    expect(await lanes.run('b', async () => 'b ran')).toBe('b ran');
    gate.resolve();
    await first;
  });

  it('refuses a task when maxWaiting already wait, and frees the slot of a failed task', async () => {
    const lanes = new ReplyLanes(1, 1);
    const gate = deferred();
    const running = lanes.run('q', () => gate.promise);
    const waiting = lanes.run('q', async () => 'second');
    await expect(lanes.run('q', async () => 'third')).rejects.toBeInstanceOf(LaneFullError);
    gate.resolve();
    await running;
    expect(await waiting).toBe('second');
    await expect(lanes.run('q', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lanes.run('q', async () => 'after')).toBe('after');
  });

  it('abandons waiting tasks on request, leaving running ones alone', async () => {
    const lanes = new ReplyLanes(1, 10);
    const gate = deferred();
    const running = lanes.run('q', async () => {
      await gate.promise;
      return 'done';
    });
    const waiting = lanes.run('q', async () => 'never');
    expect(lanes.abandonWaiting()).toBe(1);
    await expect(waiting).rejects.toBeInstanceOf(LaneAbandonedError);
    gate.resolve();
    expect(await running).toBe('done');
  });
});
