import type { JournalEntry } from '@understudy/contracts';
import { useHeldFeed } from '../../../lib/use-held-feed';
import { useJournal, type JournalFilters } from '../api/get-journal';
import { useJournalStream } from '../api/use-journal-stream';
import { LIVE_CAP, matchesFilters, mergeEntries } from '../utils/live-entries';

/**
 * The journal as the table shows it: fetched pages with streamed calls on top. While paused the
 * table holds still and new calls wait, to appear on resume. The caller keys this hook's
 * component by service and filters, so that a change starts afresh.
 */
export function useLiveJournal(service: string, filters: JournalFilters, paused: boolean) {
  const pages = useJournal(service, filters);
  const feed = useHeldFeed<JournalEntry>(paused, LIVE_CAP);

  const status = useJournalStream(service, {
    onEntry: (entry) => {
      if (matchesFilters(entry, filters)) feed.add(entry);
    },
    onReconnect: () => void pages.refetch(),
  });

  const fetched = pages.data?.pages.flatMap((page) => page.items) ?? [];
  return {
    pages,
    status,
    entries: mergeEntries(feed.live, fetched),
    heldCount: feed.heldCount,
    /** Shows what arrived during the pause. */
    release: feed.release,
    /** After the journal was cleared: nothing streamed before counts any more. */
    forget: feed.forget,
  };
}
