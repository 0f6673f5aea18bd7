import { MutationCache, QueryCache, type QueryClient } from '@tanstack/react-query';
import { endSession } from '../features/auth/api/session-cache';
import { ApiError } from '../lib/api-client';
import { createQueryClient } from '../lib/react-query';

/**
 * The app's query client. A session can expire while a page is open; any call answered with
 * UNAUTHENTICATED ends it here, and the route guard then sends the user to sign in (and back after).
 */
export function createAppQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') endSession(client);
  };
  const client = createQueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
  });
  return client;
}
