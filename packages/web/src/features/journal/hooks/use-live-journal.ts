import type { JournalEntry } from '@understudy/contracts';
import { useEffect, useRef, useState } from 'react';
import { useJournal, type JournalFilters } from '../api/get-journal';
import { useJournalStream } from '../api/use-journal-stream';
import { LIVE_CAP, matchesFilters, mergeEntries } from '../utils/live-entries';

/**
 * The journal as the table shows it: fetched pages with streamed calls on top. While paused the
 * table holds still and new calls wait in `held`, to appear on resume. The caller keys this hook's
 * component by service and filters, so that a change starts afresh.
 */
export function useLiveJournal(service: string, filters: JournalFilters, paused: boolean) {
  const pages = useJournal(service, filters);
  const [live, setLive] = useState<JournalEntry[]>([]);
  const [held, setHeld] = useState<JournalEntry[]>([]);
  const pausedRef = useRef(paused);
  useEffect(() => {
    pausedRef.current = paused;
  }, [paused]);

  const status = useJournalStream(service, {
    onEntry: (entry) => {
      if (!matchesFilters(entry, filters)) return;
      if (pausedRef.current) setHeld((current) => [entry, ...current].slice(0, LIVE_CAP));
      else setLive((current) => [entry, ...current].slice(0, LIVE_CAP));
    },
    onReconnect: () => void pages.refetch(),
  });

  /** Shows what arrived during the pause. */
  const release = () => {
    setLive((current) => [...held, ...current].slice(0, LIVE_CAP));
    setHeld([]);
  };
  /** After the journal was cleared: nothing streamed before counts any more. */
  const forget = () => {
    setLive([]);
    setHeld([]);
  };

  const fetched = pages.data?.pages.flatMap((page) => page.items) ?? [];
  return { pages, status, entries: mergeEntries(live, fetched), heldCount: held.length, release, forget };
}
