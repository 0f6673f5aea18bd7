import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { JournalPage } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const JOURNAL_PAGE_SIZE = 50;

/** The journal's filters, as the API takes them. */
export interface JournalFilters {
  method?: string;
  /** Entries whose path contains this. */
  path?: string;
  /** true: a stub answered; false: none matched. */
  matched?: boolean;
}

export async function getJournal(
  service: string,
  filters: JournalFilters,
  cursor: string | null,
): Promise<JournalPage> {
  const { data } = await api.get<JournalPage>(`/services/${encodeURIComponent(service)}/requests`, {
    params: { limit: JOURNAL_PAGE_SIZE, ...filters, ...(cursor !== null && { cursor }) },
  });
  return data;
}

/** Newest first; each further page is older, fetched with the previous page's `next`. */
export const getJournalQueryOptions = (service: string, filters: JournalFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.journal.list(service, filters),
    queryFn: ({ pageParam }) => getJournal(service, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
    // New calls arrive over the stream, so a mounted list never needs a refetch; but a list left
    // behind (another filter, another tab) missed them, so it is dropped rather than shown again.
    staleTime: Infinity,
    gcTime: 0,
  });

export const useJournal = (service: string, filters: JournalFilters) =>
  useInfiniteQuery(getJournalQueryOptions(service, filters));
