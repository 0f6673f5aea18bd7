import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StubBulkRequest, StubBulkResult } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export interface BulkStubsInput extends StubBulkRequest {
  service: string;
}

/** Enables, disables or deletes several stubs in one call; an unknown id changes none of them. */
export async function bulkStubs({ service, ...body }: BulkStubsInput): Promise<StubBulkResult> {
  const { data } = await api.post<StubBulkResult>(
    `/services/${encodeURIComponent(service)}/stubs/bulk`,
    body,
  );
  return data;
}

export function useBulkStubs() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bulkStubs,
    // Stubs answer differently now, and the stub count in the header and list may have changed.
    onSettled: (_result, _error, { service }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.stubs.all(service) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.services.all }),
      ]),
  });
}
