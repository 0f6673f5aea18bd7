import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Credentials, User, UserResponse } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { startSession } from './session-cache';

/** Creates the account and signs it in (the server sets the session cookie). */
export async function register(input: Credentials): Promise<User> {
  const { data } = await api.post<UserResponse>('/auth/register', input);
  return data.user;
}

export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: register, onSuccess: (user) => startSession(queryClient, user) });
}
