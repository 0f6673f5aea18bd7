import { describe, expect, it } from 'vitest';
import { SerialLane } from './serial-lane.js';

describe('SerialLane', () => {
  it('runs jobs one at a time, in order, and a waiting key once however often it is added', async () => {
    const ran: string[] = [];
    let running = 0;
    const lane = new SerialLane(() => undefined);
    const job = (name: string) => async () => {
      running += 1;
      expect(running).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      ran.push(name);
      running -= 1;
    };
    lane.add('a', job('a1'));
    lane.add('b', job('b'));
    lane.add('a', job('a2'));
    lane.add('a', job('a3'));
    await lane.idle();
    // a1 was already running when a2 came: a2 waits, and a3 replaces it.
    expect(ran).toEqual(['a1', 'b', 'a3']);
  });

  it('reports a failed job and goes on with the next', async () => {
    const failed: string[] = [];
    const lane = new SerialLane((key) => failed.push(key));
    let done = false;
    lane.add('bad', () => Promise.reject(new Error('boom')));
    lane.add('good', async () => {
      done = true;
    });
    await lane.idle();
    expect(failed).toEqual(['bad']);
    expect(done).toBe(true);
  });

  it('drops waiting jobs on clear', async () => {
    const ran: string[] = [];
    const lane = new SerialLane(() => undefined);
    lane.add('a', async () => void ran.push('a'));
    lane.add('b', async () => void ran.push('b'));
    lane.clear();
    lane.add('all', async () => void ran.push('all'));
    await lane.idle();
    expect(ran).toEqual(['a', 'all']);
  });
});
