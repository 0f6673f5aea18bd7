import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Forgets every kept message of the queue mock; the broker is not touched. */
export async function clearQueueMessages(queue: string): Promise<{ deleted: number }> {
  // Cookie-authenticated writes must carry a JSON body (DESIGN.md §6).
  const { data } = await api.delete<{ deleted: number }>(`/queues/${encodeURIComponent(queue)}/messages`, {
    data: {},
  });
  return data;
}

export function useClearQueueMessages() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: clearQueueMessages,
    onSettled: (_result, _error, queue) =>
      queryClient.resetQueries({ queryKey: queryKeys.queueMessages.all(queue) }),
  });
}
