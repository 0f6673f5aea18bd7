import { queryOptions, useQuery } from '@tanstack/react-query';
import type { BridgeList } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** The list shows live counters and statuses; it asks again this often while shown. */
export const BRIDGES_POLL_MS = 2000;

export async function getBridges(): Promise<BridgeList> {
  const { data } = await api.get<BridgeList>('/bridges');
  return data;
}

export const getBridgesQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.bridges.all, queryFn: getBridges, refetchInterval: BRIDGES_POLL_MS });

export const useBridges = () => useQuery(getBridgesQueryOptions());
