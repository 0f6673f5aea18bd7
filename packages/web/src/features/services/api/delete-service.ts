import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Deletes a service with its stubs and journal. */
export async function deleteService(name: string): Promise<void> {
  // Cookie-authenticated writes must carry a JSON body (DESIGN.md §6).
  await api.delete(`/services/${encodeURIComponent(name)}`, { data: {} });
}

/** The caller leaves the service's page on success; its cached stubs and journal go when a new service takes the name. */
export function useDeleteService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteService,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.services.all, exact: true }),
  });
}
