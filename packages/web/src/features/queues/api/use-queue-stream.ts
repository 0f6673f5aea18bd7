import type { MessageReply, QueueMessage } from '@understudy/contracts';
import { useEventStream, type StreamStatus } from '../../../lib/use-event-stream';

interface StreamHandlers {
  onMessage: (message: QueueMessage) => void;
  /** An auto-reply sent for the message `id`. */
  onReply: (id: string, reply: MessageReply) => void;
  /** After a drop: messages stored meanwhile never came over the stream, so refetch. */
  onReconnect: () => void;
}

/**
 * A queue mock's live messages: `GET /queues/{id}/stream` is Server-Sent Events, a `message` event
 * per stored message and a `reply` event per auto-reply.
 */
export function useQueueStream(queue: string, handlers: StreamHandlers): StreamStatus {
  return useEventStream(`/queues/${encodeURIComponent(queue)}/stream`, {
    events: {
      message: (data) => handlers.onMessage(data as QueueMessage),
      reply: (data) => {
        const { id, reply } = data as { id: string; reply: MessageReply };
        handlers.onReply(id, reply);
      },
    },
    onReconnect: handlers.onReconnect,
  });
}
