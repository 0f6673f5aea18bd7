import { useQueryClient } from '@tanstack/react-query';
import type { MessageReply, QueueMessage } from '@understudy/contracts';
import { useEffect, useRef, useState } from 'react';
import { queryKeys } from '../../../lib/query-keys';
import { useHeldFeed } from '../../../lib/use-held-feed';
import { useQueueMessages, type MessageFilters } from '../api/get-queue-messages';
import { useQueueStream } from '../api/use-queue-stream';
import { LIVE_CAP, matchesFilters, mergeMessages } from '../utils/live-messages';

/** The chart and count follow live messages, but at most this often (a burst is one refresh). */
const STATS_REFRESH_MS = 2000;

/**
 * The messages as the table shows them: fetched pages with streamed messages on top, and
 * auto-replies attached as they are sent. While paused the table holds still and new messages wait
 * until resumed. New filters start afresh: a new list is fetched and nothing streamed before is kept.
 */
export function useLiveMessages(queue: string, filters: MessageFilters, paused: boolean) {
  const queryClient = useQueryClient();
  const pages = useQueueMessages(queue, filters);
  const feed = useHeldFeed<QueueMessage>(paused, LIVE_CAP);
  const [replies, setReplies] = useState<ReadonlyMap<string, MessageReply>>(new Map());
  const filtersKey = JSON.stringify(filters);
  const [shownKey, setShownKey] = useState(filtersKey);
  if (shownKey !== filtersKey) {
    // Reset while rendering (not in an effect), so no frame shows old live messages with new filters.
    setShownKey(filtersKey);
    feed.forget();
  }
  const statsTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(statsTimer.current ?? undefined), []);

  const refreshStats = () => {
    if (statsTimer.current !== null) return;
    statsTimer.current = setTimeout(() => {
      statsTimer.current = null;
      void queryClient.invalidateQueries({ queryKey: queryKeys.queueMessages.stats(queue) });
    }, STATS_REFRESH_MS);
  };

  const status = useQueueStream(queue, {
    onMessage: (message) => {
      refreshStats();
      if (matchesFilters(message, filters)) feed.add(message);
    },
    onReply: (id, reply) => setReplies((current) => new Map(current).set(id, reply)),
    onReconnect: () => void pages.refetch(),
  });

  /** After the messages were cleared: nothing streamed before counts any more. */
  const forget = () => {
    feed.forget();
    setReplies(new Map());
  };

  const fetched = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const messages = mergeMessages(feed.live, fetched, replies);
  /** `release` shows what arrived during the pause. */
  return { pages, status, messages, heldCount: feed.heldCount, release: feed.release, forget };
}
