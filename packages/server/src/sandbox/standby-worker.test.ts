import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StandbyWorker } from './standby-worker.js';
import type { WorkerProcess } from './worker-process.js';
import { WorkerSlots, type SlotUser } from './worker-slots.js';

/** Stands in for a started worker process: alive until killed, then gone a moment later. */
class FakeProcess {
  alive = true;
  readonly exited: Promise<void>;
  #exit!: () => void;

  constructor(readonly slot: number) {
    this.exited = new Promise((resolve) => (this.#exit = resolve));
  }

  kill(): void {
    this.alive = false;
    queueMicrotask(() => this.#exit());
  }
}

/** Lets the next blank worker start (it waits a moment after one was taken) and exits settle. */
const later = () => vi.advanceTimersByTimeAsync(1_000);

function setup(slotCount = 4, users: SlotUser[] = []) {
  const started: FakeProcess[] = [];
  const spawn = (slot: number) => {
    const process = new FakeProcess(slot);
    started.push(process);
    return process as unknown as WorkerProcess;
  };
  const slotUsers: SlotUser[] = [...users];
  const slots = new WorkerSlots(1, slotCount, () => slotUsers);
  const standby = new StandbyWorker(spawn, slots);
  slotUsers.unshift(standby);
  return { standby, slots, started };
}

describe('StandbyWorker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts a blank worker once one is needed, and hands it over on its own slot next time', async () => {
    const { standby, slots, started } = setup();
    const first = standby.take(slots.tryAcquire()!);
    expect(first.slot).toBe(1);
    expect(started.map((p) => p.slot)).toEqual([1]); // not two process starts in the same call
    await later();
    expect(started.map((p) => p.slot)).toEqual([1, 2]); // then a blank one on a free slot
    const second = standby.take(slots.tryAcquire()!);
    // The blank worker (slot 2) is handed over; the slot the pool acquired starts the next blank one.
    expect(second).toMatchObject({ slot: 2, process: started[1] });
    await later();
    expect(started.map((p) => p.slot)).toEqual([1, 2, 3]);
    expect(slots.available).toBe(1);
  });

  it('gives back the slot of a blank worker that dies before it is taken, and starts anew', async () => {
    const { standby, slots, started } = setup();
    standby.take(slots.tryAcquire()!);
    await later();
    started[1]!.kill();
    await later();
    expect(slots.available).toBe(3);
    const next = standby.take(slots.tryAcquire()!);
    expect(next.process).toBe(started[2]);
  });

  it('is the first to go when a pool needs a slot and none is free', async () => {
    const pool: SlotUser = { oldestIdleAt: () => 0, evictIdle: vi.fn(), pump: vi.fn() };
    const { standby, slots, started } = setup(2, [pool]);
    standby.take(slots.tryAcquire()!);
    await later();
    expect(slots.acquire(pool)).toBeUndefined();
    expect(pool.evictIdle).not.toHaveBeenCalled();
    expect(started[1]!.alive).toBe(false);
    await later();
    expect(pool.pump).toHaveBeenCalled();
    expect(slots.acquire(pool)).toBe(2);
  });

  it('gives back the slot a blank worker was about to start on when a pool needs it', async () => {
    const pool: SlotUser = { oldestIdleAt: () => 0, evictIdle: vi.fn(), pump: vi.fn() };
    const { standby, slots, started } = setup(2, [pool]);
    standby.take(slots.tryAcquire()!);
    expect(slots.acquire(pool)).toBeUndefined();
    expect(slots.acquire(pool)).toBe(2);
    await later();
    expect(started).toHaveLength(1);
  });

  it('starts a blank worker at once when primed, unless one is ready or on its way', async () => {
    const { standby, slots, started } = setup();
    standby.prime();
    expect(started.map((p) => p.slot)).toEqual([1]);
    standby.prime();
    expect(started).toHaveLength(1);
    expect(standby.take(slots.tryAcquire()!)).toMatchObject({ slot: 1, process: started[0] });
    standby.prime(); // the next one is already on its way
    await later();
    expect(started.map((p) => p.slot)).toEqual([1, 2]);
    expect(slots.available).toBe(2);
  });

  it('stops the blank worker when closed and starts none after', async () => {
    const { standby, slots, started } = setup();
    const taken = standby.take(slots.tryAcquire()!);
    await later();
    await standby.close();
    expect(started[1]!.alive).toBe(false);
    expect(slots.available).toBe(3);
    expect(standby.take(slots.tryAcquire()!).process).toBe(started[2]);
    await later();
    expect(started).toHaveLength(3);
    expect(taken.process.alive).toBe(true);
  });
});
