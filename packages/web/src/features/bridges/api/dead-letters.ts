import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DeadLetter,
  DeadLetterPage,
  DeadLetterPatch,
  ReplayAllResult,
  ReplayResult,
} from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

const DEAD_LETTERS_POLL_MS = 3000;
const base = (bridgeId: string) => `/bridges/${encodeURIComponent(bridgeId)}/dead-letters`;

export async function getDeadLetters(bridgeId: string, limit: number): Promise<DeadLetterPage> {
  const { data } = await api.get<DeadLetterPage>(base(bridgeId), { params: { limit } });
  return data;
}

/** The newest dead letters of a bridge (the counter on the page says how many there are in all). */
export const useDeadLetters = (bridgeId: string, limit = 100) =>
  useQuery({
    queryKey: queryKeys.bridges.deadLetters(bridgeId),
    queryFn: () => getDeadLetters(bridgeId, limit),
    refetchInterval: DEAD_LETTERS_POLL_MS,
  });

interface One {
  bridgeId: string;
  id: string;
}

/** Every dead-letter action changes the list and the bridge's counters. */
function useDeadLetterMutation<I extends { bridgeId: string }, O>(call: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSettled: (_data, _error, { bridgeId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.bridges.deadLetters(bridgeId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.bridges.detail(bridgeId), exact: true }),
      ]),
  });
}

export const useEditDeadLetter = () =>
  useDeadLetterMutation(async ({ bridgeId, id, patch }: One & { patch: DeadLetterPatch }) => {
    const { data } = await api.patch<DeadLetter>(`${base(bridgeId)}/${id}`, patch);
    return data;
  });

export const useReplayDeadLetter = () =>
  useDeadLetterMutation(async ({ bridgeId, id }: One) => {
    const { data } = await api.post<ReplayResult>(`${base(bridgeId)}/${id}/replay`, {});
    return data;
  });

export const useReplayAll = () =>
  useDeadLetterMutation(async ({ bridgeId }: { bridgeId: string }) => {
    const { data } = await api.post<ReplayAllResult>(`${base(bridgeId)}/replay`, {});
    return data;
  });

export const useDiscardDeadLetter = () =>
  useDeadLetterMutation(async ({ bridgeId, id }: One) => {
    await api.delete(`${base(bridgeId)}/${id}`);
  });
