import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginRequest, User, UserResponse } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { startSession } from './session-cache';

export async function login(input: LoginRequest): Promise<User> {
  const { data } = await api.post<UserResponse>('/auth/login', input);
  return data.user;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: login, onSuccess: (user) => startSession(queryClient, user) });
}
