import { useMutation } from '@tanstack/react-query';
import type { PublishRequest, PublishResult } from '@understudy/contracts';
import { api } from '../../../lib/api-client';

export interface PublishMessageInput {
  queue: string;
  message: PublishRequest;
}

/** Publishes into the queue; the server answers only once the broker confirmed it. */
export async function publishMessage({ queue, message }: PublishMessageInput): Promise<PublishResult> {
  const { data } = await api.post<PublishResult>(`/queues/${encodeURIComponent(queue)}/publish`, message);
  return data;
}

/** Nothing to invalidate: the queue mock reads what was published, and the stream brings it. */
export const usePublishMessage = () => useMutation({ mutationFn: publishMessage });
