import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User, UserPatch, UserResponse } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { usersQueryKey } from './get-users';

export interface UpdateUserInput {
  id: string;
  patch: UserPatch;
}

/** Changes a user's role or disables/enables the account (admin only). */
export async function updateUser({ id, patch }: UpdateUserInput): Promise<User> {
  const { data } = await api.patch<UserResponse>(`/users/${encodeURIComponent(id)}`, patch);
  return data.user;
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
