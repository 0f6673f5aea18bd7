import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiTokenCreated, TokenCreate } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { tokensQueryKey } from './get-tokens';

/** The answer is the only time the token's secret is available. */
export async function createToken(input: TokenCreate): Promise<ApiTokenCreated> {
  const { data } = await api.post<ApiTokenCreated>('/tokens', input);
  return data;
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}
