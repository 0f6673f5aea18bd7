import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export interface DeleteQueueMockInput {
  id: string;
  /** Also delete the queue, and what it holds, on the broker. */
  deleteQueue: boolean;
}

/** Stops reading and forgets the queue mock and its messages. */
export async function deleteQueueMock({ id, deleteQueue }: DeleteQueueMockInput): Promise<void> {
  // Cookie-authenticated writes must carry a JSON body (DESIGN.md §6).
  await api.delete(`/queues/${encodeURIComponent(id)}`, { params: { deleteQueue }, data: {} });
}

export function useDeleteQueueMock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteQueueMock,
    onSuccess: (_result, { id }) => {
      queryClient.removeQueries({ queryKey: queryKeys.queues.detail(id) });
      queryClient.removeQueries({ queryKey: queryKeys.queueMessages.all(id) });
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.brokers.all });
      return queryClient.invalidateQueries({ queryKey: queryKeys.queues.all, exact: true });
    },
  });
}
