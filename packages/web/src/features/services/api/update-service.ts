import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Service, ServicePatch } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export interface UpdateServiceInput {
  name: string;
  patch: ServicePatch;
}

/** Changes a service: its mode and upstream (the proxy switch), description, claims or journal settings. */
export async function updateService({ name, patch }: UpdateServiceInput): Promise<Service> {
  const { data } = await api.patch<Service>(`/services/${encodeURIComponent(name)}`, patch);
  return data;
}

export function useUpdateService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateService,
    onSuccess: (service) => queryClient.setQueryData(queryKeys.services.detail(service.name), service),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.services.all }),
  });
}
