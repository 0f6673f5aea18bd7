import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Service, ServiceCreate } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Creates a service owned by the signed-in user. */
export async function createService(input: ServiceCreate): Promise<Service> {
  const { data } = await api.post<Service>('/services', input);
  return data;
}

export function useCreateService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createService,
    onSuccess: (service) => {
      // A service deleted earlier may have left its stubs and journal in the cache under this name.
      queryClient.removeQueries({ queryKey: queryKeys.stubs.all(service.name) });
      queryClient.removeQueries({ queryKey: queryKeys.journal.all(service.name) });
      queryClient.setQueryData(queryKeys.services.detail(service.name), service);
      return queryClient.invalidateQueries({ queryKey: queryKeys.services.all, exact: true });
    },
  });
}
