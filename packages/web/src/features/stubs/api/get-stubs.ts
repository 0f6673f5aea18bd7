import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Stub } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export interface StubList {
  items: Stub[];
}

export async function getStubs(service: string): Promise<StubList> {
  const { data } = await api.get<StubList>(`/services/${encodeURIComponent(service)}/stubs`);
  return data;
}

export const getStubsQueryOptions = (service: string) =>
  queryOptions({ queryKey: queryKeys.stubs.all(service), queryFn: () => getStubs(service) });

export const useStubs = (service: string) => useQuery(getStubsQueryOptions(service));
