import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Broker, BrokerPatch } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export interface UpdateBrokerInput {
  name: string;
  patch: BrokerPatch;
}

/** Changes a broker's URL, credentials or options; it reconnects and its queue mocks resume. */
export async function updateBroker({ name, patch }: UpdateBrokerInput): Promise<Broker> {
  const { data } = await api.patch<Broker>(`/brokers/${encodeURIComponent(name)}`, patch);
  return data;
}

export function useUpdateBroker() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateBroker,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.brokers.all }),
  });
}
