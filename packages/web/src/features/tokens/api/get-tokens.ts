import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiTokenList } from '@understudy/contracts';
import { api } from '../../../lib/api-client';

export const tokensQueryKey = ['tokens'] as const;

/** The signed-in user's API tokens (names and dates only; the secrets are never sent again). */
export async function getTokens(): Promise<ApiTokenList> {
  const { data } = await api.get<ApiTokenList>('/tokens');
  return data;
}

export const getTokensQueryOptions = () => queryOptions({ queryKey: tokensQueryKey, queryFn: getTokens });

export const useTokens = () => useQuery(getTokensQueryOptions());
