import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Broker, BrokerCreate } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Registers a broker; the server answers after its first connection attempt. */
export async function createBroker(input: BrokerCreate): Promise<Broker> {
  const { data } = await api.post<Broker>('/brokers', input);
  return data;
}

export function useCreateBroker() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBroker,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.brokers.all }),
  });
}
