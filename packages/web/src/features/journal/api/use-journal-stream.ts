import type { JournalEntry } from '@understudy/contracts';
import { useEventStream, type StreamStatus } from '../../../lib/use-event-stream';

interface StreamHandlers {
  onEntry: (entry: JournalEntry) => void;
  /** After a drop: calls made meanwhile never came over the stream, so refetch. */
  onReconnect: () => void;
}

/**
 * The live journal: `GET …/requests/stream` is Server-Sent Events, one `entry` event per recorded
 * call.
 */
export function useJournalStream(service: string, handlers: StreamHandlers): StreamStatus {
  return useEventStream(`/services/${encodeURIComponent(service)}/requests/stream`, {
    events: { entry: (data) => handlers.onEntry(data as JournalEntry) },
    onReconnect: handlers.onReconnect,
  });
}
