import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ServiceList } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export async function getServices(): Promise<ServiceList> {
  const { data } = await api.get<ServiceList>('/services');
  return data;
}

export const getServicesQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.services.all, queryFn: getServices });

export const useServices = () => useQuery(getServicesQueryOptions());
