import { useMutation } from '@tanstack/react-query';
import type { BridgeTryRequest, BridgeTryResult } from '@understudy/contracts';
import { api } from '../../../lib/api-client';

/** Runs a mapper once on a message, in the sandbox; nothing is published. */
export async function tryMapper(input: BridgeTryRequest): Promise<BridgeTryResult> {
  const { data } = await api.post<BridgeTryResult>('/bridges/try', input);
  return data;
}

export const useTryMapper = () => useMutation({ mutationFn: tryMapper });
