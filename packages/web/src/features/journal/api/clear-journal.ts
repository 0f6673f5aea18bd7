import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Forgets every recorded call of the service. */
export async function clearJournal(service: string): Promise<void> {
  // Cookie-authenticated writes must carry a JSON body (DESIGN.md §6).
  await api.delete(`/services/${encodeURIComponent(service)}/requests`, { data: {} });
}

export function useClearJournal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: clearJournal,
    onSettled: (_result, _error, service) =>
      queryClient.resetQueries({ queryKey: queryKeys.journal.all(service) }),
  });
}
