import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Bridge } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** The bridge page polls its counters every second (issue 7: live counters and a rate chart). */
export const BRIDGE_POLL_MS = 1000;

export async function getBridge(id: string): Promise<Bridge> {
  const { data } = await api.get<Bridge>(`/bridges/${encodeURIComponent(id)}`);
  return data;
}

export const getBridgeQueryOptions = (id: string, live = true) =>
  queryOptions({
    queryKey: queryKeys.bridges.detail(id),
    queryFn: () => getBridge(id),
    refetchInterval: live ? BRIDGE_POLL_MS : false,
  });

export const useBridge = (
  id: string,
  { live = true, enabled = true }: { live?: boolean; enabled?: boolean } = {},
) => useQuery({ ...getBridgeQueryOptions(id, live), enabled });
