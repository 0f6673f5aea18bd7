import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Stub } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export async function getStub(service: string, id: string): Promise<Stub> {
  const { data } = await api.get<Stub>(
    `/services/${encodeURIComponent(service)}/stubs/${encodeURIComponent(id)}`,
  );
  return data;
}

export const getStubQueryOptions = (service: string, id: string) =>
  queryOptions({ queryKey: queryKeys.stubs.detail(service, id), queryFn: () => getStub(service, id) });

/** One stub; `id` null when there is none to load (a new stub). */
export const useStub = (service: string, id: string | null) =>
  useQuery({ ...getStubQueryOptions(service, id ?? ''), enabled: id !== null });
