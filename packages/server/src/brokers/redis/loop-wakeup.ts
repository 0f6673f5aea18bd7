/**
 * Lets a loop sleep until something it waits for may have happened (capacity freed, a resync asked
 * for, close), or until a timeout. A wake with nobody waiting is not kept: the loop checks its
 * conditions before it waits, in the same turn, so it cannot miss one.
 */
export class Wakeup {
  readonly #waiters = new Set<() => void>();

  wait(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      this.#waiters.add(done);
      if (timeoutMs !== undefined) timer = setTimeout(done, timeoutMs);
    });
  }

  wake(): void {
    for (const done of [...this.#waiters]) done();
  }
}
