import type { AuthOptions } from '@understudy/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export async function getAuthOptions(): Promise<AuthOptions> {
  const { data } = await api.get<AuthOptions>('/auth/options');
  return data;
}

export const getAuthOptionsQueryOptions = () =>
  queryOptions({ queryKey: ['auth', 'options'] as const, queryFn: getAuthOptions });

export const useAuthOptions = () => useQuery(getAuthOptionsQueryOptions());
