import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Stub, StubInput } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { invalidateStubs } from './invalidate-stubs';

export interface CreateStubInput {
  service: string;
  stub: StubInput;
}

/** Adds a stub; it answers mock traffic at once. */
export async function createStub({ service, stub }: CreateStubInput): Promise<Stub> {
  const { data } = await api.post<Stub>(`/services/${encodeURIComponent(service)}/stubs`, stub);
  return data;
}

export function useCreateStub() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createStub,
    onSuccess: (_stub, { service }) => invalidateStubs(queryClient, service),
  });
}
