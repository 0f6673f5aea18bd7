import type { QueryClient } from '@tanstack/react-query';
import type { User } from '@understudy/contracts';
import { meQueryKey } from './get-me';

/** Drops everything but the session itself, so one user's data never shows up for the next. */
function dropUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
}

export function startSession(queryClient: QueryClient, user: User): void {
  dropUserData(queryClient);
  queryClient.setQueryData(meQueryKey, user);
}

export function endSession(queryClient: QueryClient): void {
  queryClient.setQueryData(meQueryKey, null);
  dropUserData(queryClient);
}
