import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Stub, StubInput } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { invalidateStubs } from './invalidate-stubs';

export interface UpdateStubInput {
  service: string;
  id: string;
  stub: StubInput;
}

/** Replaces a stub as a whole (the API has PUT, not PATCH). */
export async function updateStub({ service, id, stub }: UpdateStubInput): Promise<Stub> {
  const { data } = await api.put<Stub>(
    `/services/${encodeURIComponent(service)}/stubs/${encodeURIComponent(id)}`,
    stub,
  );
  return data;
}

export function useUpdateStub() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateStub,
    onSuccess: (stub, { service, id }) => {
      queryClient.setQueryData(queryKeys.stubs.detail(service, id), stub);
      return invalidateStubs(queryClient, service);
    },
  });
}
