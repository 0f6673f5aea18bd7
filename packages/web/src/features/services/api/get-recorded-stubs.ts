import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StubList } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Stubs the recorder made from upstream traffic, enabled or not. */
export async function getRecordedStubs(service: string): Promise<StubList> {
  const { data } = await api.get<StubList>(`/services/${encodeURIComponent(service)}/stubs`, {
    params: { recorded: true },
  });
  return data;
}

// Under the service's stub key, so every stub change (here or in the Stubs tab) refreshes it too.
export const getRecordedStubsQueryOptions = (service: string, live: boolean) =>
  queryOptions({
    queryKey: [...queryKeys.stubs.all(service), { recorded: true }] as const,
    queryFn: () => getRecordedStubs(service),
    // While the service records, new recordings show up without a reload.
    refetchInterval: live ? 2000 : false,
  });

export const useRecordedStubs = (service: string, live: boolean) =>
  useQuery(getRecordedStubsQueryOptions(service, live));
