import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export async function deleteBridge(id: string): Promise<void> {
  await api.delete(`/bridges/${encodeURIComponent(id)}`);
}

/** Stops the bridge and forgets it with its dead letters; its queues stay. */
export function useDeleteBridge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteBridge,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.bridges.detail(id) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.bridges.all, exact: true });
    },
  });
}
