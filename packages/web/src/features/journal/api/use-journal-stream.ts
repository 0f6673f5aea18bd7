import type { JournalEntry } from '@understudy/contracts';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../lib/api-client';

/** connecting → live; reconnecting after a drop (the browser retries); closed when the server refused. */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

interface StreamHandlers {
  onEntry: (entry: JournalEntry) => void;
  /** After a drop: calls made meanwhile never came over the stream, so refetch. */
  onReconnect: () => void;
}

/**
 * The live journal: `GET …/requests/stream` is Server-Sent Events, one `entry` event per recorded
 * call. EventSource reconnects by itself after a network drop.
 */
export function useJournalStream(service: string, handlers: StreamHandlers): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const url = `${api.defaults.baseURL ?? ''}/services/${encodeURIComponent(service)}/requests/stream`;
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
    source.addEventListener('entry', (event) => {
      latest.current.onEntry(JSON.parse((event as MessageEvent<string>).data) as JournalEntry);
    });
    return () => source.close();
  }, [service]);

  return status;
}
