import { useQuery } from '@tanstack/react-query';
import type { BridgeHopList } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

const HOPS_POLL_MS = 2000;

export async function getHops(id: string, limit: number): Promise<BridgeHopList> {
  const { data } = await api.get<BridgeHopList>(`/bridges/${encodeURIComponent(id)}/hops`, {
    params: { limit },
  });
  return data;
}

/** The last input → output pairs, newest first, refreshed while shown. */
export const useHops = (id: string, limit = 20, enabled = true) =>
  useQuery({
    enabled,
    queryKey: queryKeys.bridges.hops(id),
    queryFn: () => getHops(id, limit),
    refetchInterval: HOPS_POLL_MS,
  });
