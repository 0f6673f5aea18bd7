import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueueMock, QueueMockCreate } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Declares the queue (unless it must exist already) and starts reading it at once. */
export async function createQueueMock(input: QueueMockCreate): Promise<QueueMock> {
  const { data } = await api.post<QueueMock>('/queues', input);
  return data;
}

export function useCreateQueueMock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createQueueMock,
    onSuccess: (mock) => {
      queryClient.setQueryData(queryKeys.queues.detail(mock.id), mock);
      // The broker's count of queue mocks changed too.
      void queryClient.invalidateQueries({ queryKey: queryKeys.brokers.all });
      return queryClient.invalidateQueries({ queryKey: queryKeys.queues.all, exact: true });
    },
  });
}
