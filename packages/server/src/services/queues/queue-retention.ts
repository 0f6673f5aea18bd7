import type { Logger } from 'pino';
import type { Clock, QueueMessageStore, QueueMockStore } from '../../core/ports/index.js';

/** Applies each queue mock's retention (newest N, younger than H hours) every interval, off the intake path. */
export class QueueRetention {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(
    private readonly mocks: QueueMockStore,
    private readonly messages: QueueMessageStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    this.#timer = setInterval(() => void this.run(), this.intervalMs);
    this.#timer.unref();
  }

  /** One pass over every queue mock; returns how many messages were dropped. Never runs twice at once. */
  run(): Promise<number> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  async #pass(): Promise<number> {
    let dropped = 0;
    const now = this.clock.now();
    const mocks = await this.mocks.list().catch((error: unknown) => {
      this.log.warn({ err: error }, 'queue retention cannot list queue mocks; retrying next round');
      return [];
    });
    for (const mock of mocks) {
      const { maxMessages, maxAgeHours } = mock.retention;
      try {
        dropped += await this.messages.prune(mock.id, maxMessages, now - maxAgeHours * 3_600_000);
      } catch (error) {
        this.log.warn({ err: error, queueMock: mock.id }, 'queue retention failed; retrying next round');
      }
    }
    return dropped;
  }
}
