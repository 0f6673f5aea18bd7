import { queryOptions, useQuery } from '@tanstack/react-query';
import type { JournalSummary } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export interface ServiceActivity {
  /** Calls kept in the journal (retention drops the oldest). */
  calls: number;
  /** When the newest call arrived; null when there is none. */
  lastCallAt: string | null;
}

/** How much a service is called, from its journal's summary (a count, not a scan). */
export async function getServiceActivity(service: string): Promise<ServiceActivity> {
  const { data } = await api.get<JournalSummary>(`/services/${encodeURIComponent(service)}/requests/summary`);
  return { calls: data.count, lastCallAt: data.lastReceivedAt };
}

export const getServiceActivityQueryOptions = (service: string) =>
  queryOptions({
    queryKey: [...queryKeys.journal.all(service), 'activity'] as const,
    queryFn: () => getServiceActivity(service),
    // A list shows live figures: fresh on every visit, and kept fresh while it is open.
    staleTime: 0,
    refetchInterval: 10_000,
  });

export const useServiceActivity = (service: string) => useQuery(getServiceActivityQueryOptions(service));
