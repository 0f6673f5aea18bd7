import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `read` until `done` holds on its value; fails naming `what` and the last value otherwise. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting until ${what}; last: ${JSON.stringify(value).slice(0, 500)}`);
    }
    await sleep(50);
  }
}
