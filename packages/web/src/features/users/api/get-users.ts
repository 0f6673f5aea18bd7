import { queryOptions, useQuery } from '@tanstack/react-query';
import type { UserList } from '@understudy/contracts';
import { api } from '../../../lib/api-client';

export const usersQueryKey = ['users'] as const;

export async function getUsers(): Promise<UserList> {
  const { data } = await api.get<UserList>('/users');
  return data;
}

export const getUsersQueryOptions = () => queryOptions({ queryKey: usersQueryKey, queryFn: getUsers });

export const useUsers = () => useQuery(getUsersQueryOptions());
