import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { QueueMessage, QueueMessagePage } from '@understudy/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { QUEUE_STATUS_POLL_MS } from './get-queue-mocks';

export const MESSAGES_PAGE_SIZE = 50;

/** The message filters, as the API takes them. */
export interface MessageFilters {
  /** Text in the body, case-insensitive. */
  q?: string;
  /** `name:value`, exact; all must match. */
  header?: string[];
  /** ISO date-times bounding `receivedAt`. */
  since?: string;
  until?: string;
}

export async function getQueueMessages(
  queue: string,
  filters: MessageFilters,
  cursor: string | null,
  limit = MESSAGES_PAGE_SIZE,
): Promise<QueueMessagePage> {
  const { data } = await api.get<QueueMessagePage>(`/queues/${encodeURIComponent(queue)}/messages`, {
    params: { limit, ...filters, ...(cursor !== null && { cursor }) },
    // header=a:1&header=b:2, as the server reads a repeated parameter (not header[]=…).
    paramsSerializer: { indexes: null },
  });
  return data;
}

/** Newest first; each further page is older, fetched with the previous page's `next`. */
export const getQueueMessagesQueryOptions = (queue: string, filters: MessageFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.queueMessages.list(queue, filters),
    queryFn: ({ pageParam }) => getQueueMessages(queue, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
    // New messages arrive over the stream, so a mounted list never needs a refetch; a list left
    // behind (another filter, another page) missed them, so it is dropped rather than shown again.
    staleTime: Infinity,
    gcTime: 0,
  });

export const useQueueMessages = (queue: string, filters: MessageFilters) =>
  useInfiniteQuery(getQueueMessagesQueryOptions(queue, filters));

/** The newest kept message, for the list of queue mocks ("last message at"). */
export const getLatestQueueMessageQueryOptions = (queue: string) =>
  queryOptions({
    queryKey: queryKeys.queueMessages.latest(queue),
    queryFn: async (): Promise<QueueMessage | null> =>
      (await getQueueMessages(queue, {}, null, 1)).items[0] ?? null,
    refetchInterval: QUEUE_STATUS_POLL_MS,
    staleTime: 0,
  });

export const useLatestQueueMessage = (queue: string) => useQuery(getLatestQueueMessageQueryOptions(queue));
