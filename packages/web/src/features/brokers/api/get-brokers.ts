import { queryOptions, useQuery } from '@tanstack/react-query';
import type { BrokerList } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** How often the brokers page asks for fresh connection statuses (the server has no status stream). */
export const BROKER_STATUS_POLL_MS = 3000;

export async function getBrokers(): Promise<BrokerList> {
  const { data } = await api.get<BrokerList>('/brokers');
  return data;
}

export const getBrokersQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.brokers.all, queryFn: getBrokers });

/** All brokers; `live` polls so that connection statuses stay current while the list is shown. */
export const useBrokers = ({ live = false }: { live?: boolean } = {}) =>
  useQuery({ ...getBrokersQueryOptions(), refetchInterval: live ? BROKER_STATUS_POLL_MS : false });
