import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { invalidateStubs } from './invalidate-stubs';

export interface DeleteStubInput {
  service: string;
  id: string;
}

export async function deleteStub({ service, id }: DeleteStubInput): Promise<void> {
  // Cookie-authenticated writes must carry a JSON body (DESIGN.md §6).
  await api.delete(`/services/${encodeURIComponent(service)}/stubs/${encodeURIComponent(id)}`, { data: {} });
}

export function useDeleteStub() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteStub,
    onSettled: (_result, _error, { service }) => invalidateStubs(queryClient, service),
  });
}
