import type { MessageReply, QueueMessage } from '@understudy/contracts';
import type { MessageFilters } from '../api/get-queue-messages';
import { headerText } from './message-body';

/** The most live messages kept on top of the fetched pages; older ones come back with "Load older". */
export const LIVE_CAP = 500;

function bodyText(message: QueueMessage): string {
  return typeof message.body === 'string' ? message.body : JSON.stringify(message.body);
}

/** The filters the server applies to pages, applied to streamed messages too. */
export function matchesFilters(message: QueueMessage, filters: MessageFilters): boolean {
  if (filters.q && !bodyText(message).toLowerCase().includes(filters.q.toLowerCase())) return false;
  for (const pair of filters.header ?? []) {
    const colon = pair.indexOf(':');
    const name = pair.slice(0, colon).trim();
    const value = message.headers[name];
    if (value === undefined || headerText(value) !== pair.slice(colon + 1).trim()) return false;
  }
  const at = Date.parse(message.receivedAt);
  if (filters.since && at < Date.parse(filters.since)) return false;
  if (filters.until && at > Date.parse(filters.until)) return false;
  return true;
}

/**
 * Streamed and fetched messages as one list, newest first, each once (a message can arrive both
 * ways), with the auto-replies that came over the stream after the message did.
 */
export function mergeMessages(
  live: readonly QueueMessage[],
  fetched: readonly QueueMessage[],
  replies: ReadonlyMap<string, MessageReply>,
): QueueMessage[] {
  const byId = new Map<string, QueueMessage>();
  for (const message of [...live, ...fetched]) if (!byId.has(message.id)) byId.set(message.id, message);
  return [...byId.values()]
    .map((message) =>
      message.reply === null && replies.has(message.id)
        ? { ...message, reply: replies.get(message.id) ?? null }
        : message,
    )
    .sort((a, b) => Number(b.id) - Number(a.id));
}
