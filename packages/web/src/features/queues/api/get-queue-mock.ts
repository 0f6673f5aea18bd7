import { queryOptions, useQuery } from '@tanstack/react-query';
import type { QueueMock } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { statusPollMs } from './get-queue-mocks';

export async function getQueueMock(id: string): Promise<QueueMock> {
  const { data } = await api.get<QueueMock>(`/queues/${encodeURIComponent(id)}`);
  return data;
}

export const getQueueMockQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.queues.detail(id),
    queryFn: () => getQueueMock(id),
    refetchInterval: (query) => statusPollMs(query.state.data ? [query.state.data.status.state] : []),
  });

export const useQueueMock = (id: string) => useQuery(getQueueMockQueryOptions(id));
