import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { usersQueryKey } from './get-users';

export async function deleteUser(id: string): Promise<void> {
  // Cookie-authenticated writes must carry a JSON body (DESIGN.md §6).
  await api.delete(`/users/${encodeURIComponent(id)}`, { data: {} });
}

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteUser,
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
