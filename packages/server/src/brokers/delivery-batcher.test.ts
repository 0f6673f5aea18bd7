import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { DeliveryBatcher, type BatchSink } from './delivery-batcher.js';

interface Recorder extends BatchSink<number> {
  handled: number[][];
  acked: number[][];
  requeued: number[][];
}

function recorder(handle: (batch: readonly number[]) => Promise<void> = async () => {}): Recorder {
  const r: Recorder = {
    handled: [],
    acked: [],
    requeued: [],
    handle: async (batch) => {
      r.handled.push([...batch]);
      await handle(batch);
    },
    settle: (batch, ok) => void (ok ? r.acked : r.requeued).push([...batch]),
  };
  return r;
}

const options = { maxBatch: 3, maxWaitMs: 10, retryLowMs: 5, retryHighMs: 20 };

describe('DeliveryBatcher', () => {
  it('hands over a full batch at once, without waiting for the timer', () => {
    const sink = recorder();
    const batcher = new DeliveryBatcher(sink, { ...options, maxWaitMs: 60_000 });
    [1, 2, 3].forEach((n) => batcher.push(n));
    expect(sink.handled).toEqual([[1, 2, 3]]);
  });

  it('hands over a partial batch after maxWaitMs', async () => {
    const sink = recorder();
    const batcher = new DeliveryBatcher(sink, options);
    batcher.push(1);
    expect(sink.handled).toEqual([]);
    await sleep(30);
    expect(sink.handled).toEqual([[1]]);
    expect(sink.acked).toEqual([[1]]);
  });

  it('keeps one batch in hand at a time; what arrives meanwhile forms the next batch, in order', async () => {
    let release = (): void => {};
    const sink = recorder((batch) =>
      batch[0] === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve(),
    );
    const batcher = new DeliveryBatcher(sink, options);
    [1, 2, 3, 4, 5].forEach((n) => batcher.push(n));
    expect(sink.handled).toEqual([[1, 2, 3]]);
    release();
    await batcher.idle();
    await sleep(60);
    expect(sink.acked).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('after a batch, sends a full next batch at once but lets a partial one gather longer', async () => {
    let release = (): void => {};
    const sink = recorder((batch) =>
      batch[0] === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve(),
    );
    const batcher = new DeliveryBatcher(sink, { ...options, maxWaitMs: 50 });
    [1, 2, 3, 4, 5, 6, 7].forEach((n) => batcher.push(n));
    release();
    await batcher.idle();
    expect(sink.handled).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    await batcher.idle();
    await sleep(30);
    batcher.push(8); // joins 7: a partial batch after a busy one waits 4 × maxWaitMs
    expect(sink.handled).toHaveLength(2);
    await sleep(400);
    expect(sink.handled).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ]);
  });

  it('requeues a rejected batch together with everything buffered behind it, then backs off', async () => {
    let fail = true;
    let release = (): void => {};
    const sink = recorder(async (batch) => {
      if (batch[0] !== 1) return;
      await new Promise<void>((r) => (release = r));
      if (fail) throw new Error('store down');
    });
    const batcher = new DeliveryBatcher(sink, options);
    [1, 2, 3, 4].forEach((n) => batcher.push(n));
    release();
    await batcher.idle();
    expect(sink.requeued).toEqual([[1, 2, 3, 4]]);
    expect(batcher.buffered).toBe(0);
    fail = false;
    [1, 2, 3].forEach((n) => batcher.push(n)); // the redelivery; held back by the backoff
    expect(sink.handled).toHaveLength(1);
    await sleep(40);
    release();
    await batcher.idle();
    expect(sink.acked).toEqual([[1, 2, 3]]);
  });

  it('hands over nothing after stop and returns what it still buffered', async () => {
    const sink = recorder();
    const batcher = new DeliveryBatcher(sink, options);
    batcher.push(1);
    expect(batcher.stop()).toEqual([1]);
    batcher.push(2);
    await sleep(30);
    expect(sink.handled).toEqual([]);
  });
});
