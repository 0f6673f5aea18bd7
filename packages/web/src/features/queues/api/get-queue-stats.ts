import { queryOptions, useQuery } from '@tanstack/react-query';
import type { QueueStats } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { QUEUE_STATUS_POLL_MS } from './get-queue-mocks';

/** Messages kept, and per minute over the last hour (oldest first). */
export async function getQueueStats(queue: string): Promise<QueueStats> {
  const { data } = await api.get<QueueStats>(`/queues/${encodeURIComponent(queue)}/stats`);
  return data;
}

/** Polled so the chart moves on while no message arrives; live messages also refresh it. */
export const getQueueStatsQueryOptions = (queue: string) =>
  queryOptions({
    queryKey: queryKeys.queueMessages.stats(queue),
    queryFn: () => getQueueStats(queue),
    refetchInterval: QUEUE_STATUS_POLL_MS * 3,
    // Counts move on without us: whoever shows them asks afresh.
    staleTime: 0,
  });

export const useQueueStats = (queue: string) => useQuery(getQueueStatsQueryOptions(queue));
