import { useEffect, useRef, useState } from 'react';
import { api } from './api-client';

/** connecting → live; reconnecting after a drop (the browser retries); closed when the server refused. */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface EventStreamHandlers {
  /** One listener per event name; each gets the event's data, parsed from JSON. */
  events: Record<string, (data: unknown) => void>;
  /** After a drop: whatever happened meanwhile never came over the stream, so refetch. */
  onReconnect: () => void;
}

/**
 * Listens to a Server-Sent Events endpoint of the API (`path` is relative to the API base). The
 * event names are read when the stream opens; the handlers may change on every render.
 * EventSource reconnects by itself after a network drop.
 */
export function useEventStream(path: string, handlers: EventStreamHandlers): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const source = new EventSource(`${api.defaults.baseURL ?? ''}${path}`, { withCredentials: true });
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
    for (const name of Object.keys(latest.current.events)) {
      source.addEventListener(name, (event) => {
        latest.current.events[name]?.(JSON.parse((event as MessageEvent<string>).data));
      });
    }
    return () => source.close();
  }, [path]);

  return status;
}
