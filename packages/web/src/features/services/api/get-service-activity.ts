import { queryOptions, useQuery } from '@tanstack/react-query';
import type { JournalCount, JournalPage } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export interface ServiceActivity {
  /** Calls kept in the journal (retention drops the oldest). */
  calls: number;
  /** When the newest call arrived; null when there is none. */
  lastCallAt: string | null;
}

/** How much a service is called, from its journal: the newest entry, and how many are kept. */
export async function getServiceActivity(service: string): Promise<ServiceActivity> {
  const base = `/services/${encodeURIComponent(service)}/requests`;
  const [latest, count] = await Promise.all([
    api.get<JournalPage>(base, { params: { limit: 1 } }),
    // An empty predicate matches every call.
    api.post<JournalCount>(`${base}/count`, { request: {} }),
  ]);
  return { calls: count.data.count, lastCallAt: latest.data.items[0]?.receivedAt ?? null };
}

export const getServiceActivityQueryOptions = (service: string) =>
  queryOptions({
    queryKey: [...queryKeys.journal.all(service), 'activity'] as const,
    queryFn: () => getServiceActivity(service),
    // Counting reads the whole journal of the service: not on every focus of the window.
    staleTime: 10_000,
    refetchOnWindowFocus: false,
  });

export const useServiceActivity = (service: string) => useQuery(getServiceActivityQueryOptions(service));
