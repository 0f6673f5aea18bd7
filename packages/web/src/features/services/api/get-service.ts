import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Service } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export async function getService(name: string): Promise<Service> {
  const { data } = await api.get<Service>(`/services/${encodeURIComponent(name)}`);
  return data;
}

export const getServiceQueryOptions = (name: string) =>
  queryOptions({ queryKey: queryKeys.services.detail(name), queryFn: () => getService(name) });

export const useService = (name: string) => useQuery(getServiceQueryOptions(name));
