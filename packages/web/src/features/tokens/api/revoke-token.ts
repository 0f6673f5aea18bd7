import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { tokensQueryKey } from './get-tokens';

export async function revokeToken(id: string): Promise<void> {
  // Cookie-authenticated writes must carry a JSON body (DESIGN.md §6).
  await api.delete(`/tokens/${encodeURIComponent(id)}`, { data: {} });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}
