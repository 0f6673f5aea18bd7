import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Bridge, BridgeCreate, BridgePatch } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export async function createBridge(input: BridgeCreate): Promise<Bridge> {
  const { data } = await api.post<Bridge>('/bridges', input);
  return data;
}

export async function updateBridge({ id, patch }: { id: string; patch: BridgePatch }): Promise<Bridge> {
  const { data } = await api.patch<Bridge>(`/bridges/${encodeURIComponent(id)}`, patch);
  return data;
}

function useRefreshAfter() {
  const queryClient = useQueryClient();
  return (bridge: Bridge) => {
    queryClient.setQueryData(queryKeys.bridges.detail(bridge.id), bridge);
    return queryClient.invalidateQueries({ queryKey: queryKeys.bridges.all, exact: true });
  };
}

/** Creates a bridge; it starts at once unless created paused. */
export function useCreateBridge() {
  return useMutation({ mutationFn: createBridge, onSuccess: useRefreshAfter() });
}

/** Any change, pause and resume included (`{ enabled }`). */
export function useUpdateBridge() {
  return useMutation({ mutationFn: updateBridge, onSuccess: useRefreshAfter() });
}
