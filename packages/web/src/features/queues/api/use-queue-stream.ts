import type { MessageReply, QueueMessage } from '@understudy/contracts';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../lib/api-client';

/** connecting → live; reconnecting after a drop (the browser retries); closed when the server refused. */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

interface StreamHandlers {
  onMessage: (message: QueueMessage) => void;
  /** An auto-reply sent for the message `id`. */
  onReply: (id: string, reply: MessageReply) => void;
  /** After a drop: messages stored meanwhile never came over the stream, so refetch. */
  onReconnect: () => void;
}

/**
 * A queue mock's live messages: `GET /queues/{id}/stream` is Server-Sent Events, a `message` event
 * per stored message and a `reply` event per auto-reply. EventSource reconnects by itself.
 */
export function useQueueStream(queue: string, handlers: StreamHandlers): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const url = `${api.defaults.baseURL ?? ''}/queues/${encodeURIComponent(queue)}/stream`;
    const source = new EventSource(url, { withCredentials: true });
    let dropped = false;
    setStatus('connecting');
    source.onopen = () => {
      setStatus('live');
      if (dropped) latest.current.onReconnect();
      dropped = false;
    };
    source.onerror = () => {
      dropped = true;
      setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    };
    source.addEventListener('message', (event) => {
      latest.current.onMessage(JSON.parse((event as MessageEvent<string>).data) as QueueMessage);
    });
    source.addEventListener('reply', (event) => {
      const { id, reply } = JSON.parse((event as MessageEvent<string>).data) as {
        id: string;
        reply: MessageReply;
      };
      latest.current.onReply(id, reply);
    });
    return () => source.close();
  }, [queue]);

  return status;
}
