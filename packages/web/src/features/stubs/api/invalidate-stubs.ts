import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';

/** After any stub change: the service's stubs, and its stub count in the services list and header. */
export function invalidateStubs(queryClient: QueryClient, service: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.stubs.all(service) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.services.all }),
  ]);
}
