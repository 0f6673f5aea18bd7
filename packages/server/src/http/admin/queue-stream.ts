import type { ServerResponse } from 'node:http';
import type { QueueMessageRecord } from '../../core/ports/index.js';
import type { QueueFeedEvent, QueueLiveFeed } from '../../services/queues/queue-live-feed.js';
import type { QueueMessages } from '../../services/queues/queue-messages.js';
import { presentMessage, presentReply } from './queue-presenters.js';

/** At most this many missed messages are replayed on a resume; beyond it a `gap` event says so. */
export const MAX_REPLAY = 500;

const HEARTBEAT_MS = 15_000;

/** The id a reconnecting EventSource sends back: the last `message` event it received. */
export function lastEventIdOf(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^[0-9]{1,15}$/.test(value) ? Number(value) : undefined;
}

function messageEvent(message: QueueMessageRecord): string {
  const presented = presentMessage(message);
  return `event: message\nid: ${presented.id}\ndata: ${JSON.stringify(presented)}\n\n`;
}

function feedEvent(event: QueueFeedEvent): string {
  if (event.type === 'message') return messageEvent(event.message);
  const data = { id: String(event.id), reply: presentReply(event.reply) };
  return `event: reply\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Serves one SSE stream of a queue mock. With `lastEventId` (a reconnect), the messages stored after
 * it are sent first, oldest first, then the live ones: live events are held while the missed ones are
 * read, and any the replay already carried are skipped, so nothing is lost or sent twice. Replies sent
 * meanwhile arrive inside the replayed messages. Returns the function that ends the stream.
 */
export function serveQueueStream(
  raw: ServerResponse,
  queueId: string,
  deps: { feed: QueueLiveFeed; messages: QueueMessages },
  lastEventId: number | undefined,
): () => void {
  raw.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  raw.write(': connected\n\n');
  let held: QueueFeedEvent[] | null = lastEventId === undefined ? null : [];
  let replayedUpTo = lastEventId ?? 0;
  const unsubscribe = deps.feed.subscribe(queueId, (event) => {
    if (held) held.push(event);
    else raw.write(feedEvent(event));
  });
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  let ended = false;
  if (lastEventId !== undefined) {
    void deps.messages
      .after(queueId, lastEventId, MAX_REPLAY)
      .then(({ items, complete }) => {
        if (ended) return;
        if (!complete) raw.write(`event: gap\ndata: ${JSON.stringify({ after: String(lastEventId) })}\n\n`);
        for (const message of items) raw.write(messageEvent(message));
        replayedUpTo = items.at(-1)?.id ?? replayedUpTo;
      })
      .catch(() => raw.write(`event: gap\ndata: ${JSON.stringify({ after: String(lastEventId) })}\n\n`))
      .finally(() => {
        const waiting = held ?? [];
        held = null;
        if (ended) return;
        for (const event of waiting) {
          const already = event.type === 'message' && (event.message.id ?? 0) <= replayedUpTo;
          if (!already) raw.write(feedEvent(event));
        }
      });
  }
  return () => {
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    raw.end();
  };
}
