import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Removes a broker and closes its connection; the server refuses (409) while queue mocks use it. */
export async function deleteBroker(name: string): Promise<void> {
  // Cookie-authenticated writes must carry a JSON body (DESIGN.md §6).
  await api.delete(`/brokers/${encodeURIComponent(name)}`, { data: {} });
}

export function useDeleteBroker() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteBroker,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.brokers.all }),
  });
}
