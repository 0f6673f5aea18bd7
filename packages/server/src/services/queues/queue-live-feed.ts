import type { QueueMessageRecord, StoredReply } from '../../core/ports/index.js';

/** What a live view of a queue mock hears: each stored message, and each auto-reply once sent. */
export type QueueFeedEvent =
  { type: 'message'; message: QueueMessageRecord } | { type: 'reply'; id: number; reply: StoredReply };

export type QueueFeedListener = (event: QueueFeedEvent) => void;

/** Fans committed messages out to SSE listeners, per queue mock; nothing is buffered for absent ones. */
export class QueueLiveFeed {
  readonly #listeners = new Map<string, Set<QueueFeedListener>>();

  subscribe(queueId: string, listener: QueueFeedListener): () => void {
    let set = this.#listeners.get(queueId);
    if (!set) this.#listeners.set(queueId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(queueId) === set) this.#listeners.delete(queueId);
    };
  }

  listening(queueId: string): boolean {
    return this.#listeners.has(queueId);
  }

  publish(queueId: string, event: QueueFeedEvent): void {
    for (const listener of this.#listeners.get(queueId) ?? []) {
      try {
        listener(event);
      } catch {
        // One broken stream must not stop intake or the other streams; its connection closes on its own.
      }
    }
  }
}
