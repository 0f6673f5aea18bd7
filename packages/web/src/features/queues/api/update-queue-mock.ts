import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueueMock, QueueMockPatch } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export interface UpdateQueueMockInput {
  id: string;
  patch: QueueMockPatch;
}

/** Changes retention or the auto-reply; reading goes on. */
export async function updateQueueMock({ id, patch }: UpdateQueueMockInput): Promise<QueueMock> {
  const { data } = await api.patch<QueueMock>(`/queues/${encodeURIComponent(id)}`, patch);
  return data;
}

export function useUpdateQueueMock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateQueueMock,
    onSuccess: (mock) => queryClient.setQueryData(queryKeys.queues.detail(mock.id), mock),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.queues.all, exact: true }),
  });
}
