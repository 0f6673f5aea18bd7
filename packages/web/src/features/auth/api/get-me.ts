import { queryOptions, useQuery } from '@tanstack/react-query';
import type { User, UserResponse } from '@understudy/contracts';
import { api, ApiError } from '../../../lib/api-client';

export const meQueryKey = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no session (a 401 is an answer here, not a failure). */
export async function getMe(): Promise<User | null> {
  try {
    const { data } = await api.get<UserResponse>('/auth/me');
    return data.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const getMeQueryOptions = () => queryOptions({ queryKey: meQueryKey, queryFn: getMe });

export const useMe = () => useQuery(getMeQueryOptions());
