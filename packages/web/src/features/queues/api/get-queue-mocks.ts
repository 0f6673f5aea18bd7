import { queryOptions, useQuery } from '@tanstack/react-query';
import type { QueueMockList } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Consumer statuses change without us: the list asks again this often while shown. */
export const QUEUE_STATUS_POLL_MS = 5000;
/** While a consumer is still starting (or retrying), ask more often, so "connected" shows promptly. */
export const UNSETTLED_POLL_MS = 1000;

/** The poll interval for queue mocks with these statuses. */
export function statusPollMs(states: readonly string[]): number {
  return states.every((state) => state === 'connected') ? QUEUE_STATUS_POLL_MS : UNSETTLED_POLL_MS;
}

export async function getQueueMocks(): Promise<QueueMockList> {
  const { data } = await api.get<QueueMockList>('/queues');
  return data;
}

export const getQueueMocksQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.queues.all,
    queryFn: getQueueMocks,
    refetchInterval: (query) => statusPollMs(query.state.data?.items.map((m) => m.status.state) ?? []),
  });

export const useQueueMocks = () => useQuery(getQueueMocksQueryOptions());
