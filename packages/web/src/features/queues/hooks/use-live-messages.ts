import { useQueryClient } from '@tanstack/react-query';
import type { MessageReply, QueueMessage } from '@understudy/contracts';
import { useEffect, useRef, useState } from 'react';
import { queryKeys } from '../../../lib/query-keys';
import { useQueueMessages, type MessageFilters } from '../api/get-queue-messages';
import { useQueueStream } from '../api/use-queue-stream';
import { LIVE_CAP, matchesFilters, mergeMessages } from '../utils/live-messages';

/** The chart and count follow live messages, but at most this often (a burst is one refresh). */
const STATS_REFRESH_MS = 2000;

/**
 * The messages as the table shows them: fetched pages with streamed messages on top, and
 * auto-replies attached as they are sent. While paused the table holds still and new messages wait
 * in `held`. New filters start afresh: a new list is fetched and nothing streamed before is kept.
 */
export function useLiveMessages(queue: string, filters: MessageFilters, paused: boolean) {
  const queryClient = useQueryClient();
  const pages = useQueueMessages(queue, filters);
  const [live, setLive] = useState<QueueMessage[]>([]);
  const [held, setHeld] = useState<QueueMessage[]>([]);
  const [replies, setReplies] = useState<ReadonlyMap<string, MessageReply>>(new Map());
  const filtersKey = JSON.stringify(filters);
  const [shownKey, setShownKey] = useState(filtersKey);
  if (shownKey !== filtersKey) {
    // Reset while rendering (not in an effect), so no frame shows old live messages with new filters.
    setShownKey(filtersKey);
    setLive([]);
    setHeld([]);
  }
  const pausedRef = useRef(paused);
  const statsTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    pausedRef.current = paused;
  }, [paused]);
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
      if (!matchesFilters(message, filters)) return;
      if (pausedRef.current) setHeld((current) => [message, ...current].slice(0, LIVE_CAP));
      else setLive((current) => [message, ...current].slice(0, LIVE_CAP));
    },
    onReply: (id, reply) => setReplies((current) => new Map(current).set(id, reply)),
    onReconnect: () => void pages.refetch(),
  });

  /** Shows what arrived during the pause. */
  const release = () => {
    setLive((current) => [...held, ...current].slice(0, LIVE_CAP));
    setHeld([]);
  };
  /** After the messages were cleared: nothing streamed before counts any more. */
  const forget = () => {
    setLive([]);
    setHeld([]);
    setReplies(new Map());
  };

  const fetched = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const messages = mergeMessages(live, fetched, replies);
  return { pages, status, messages, heldCount: held.length, release, forget };
}
