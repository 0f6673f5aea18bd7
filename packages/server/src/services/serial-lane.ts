/**
 * Runs keyed jobs one at a time, in order. A job added for a key that is still waiting replaces it
 * (keeping its place), so a burst of changes to one thing — an import saving a thousand stubs —
 * costs one reload, not a thousand.
 */
export class SerialLane {
  readonly #waiting = new Map<string, () => Promise<void>>();
  #draining: Promise<void> | null = null;

  constructor(private readonly onError: (key: string, error: unknown) => void) {}

  add(key: string, job: () => Promise<void>): void {
    this.#waiting.set(key, job);
    this.#draining ??= this.#drain();
  }

  /** Drops every waiting job (the job added next covers them all); a running one finishes. */
  clear(): void {
    this.#waiting.clear();
  }

  /** Resolves once nothing runs or waits. */
  async idle(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  async #drain(): Promise<void> {
    for (let next = this.#first(); next; next = this.#first()) {
      const [key, job] = next;
      this.#waiting.delete(key);
      try {
        await job();
      } catch (error) {
        this.onError(key, error);
      }
    }
    this.#draining = null;
  }

  #first(): [string, () => Promise<void>] | undefined {
    return this.#waiting.entries().next().value;
  }
}
