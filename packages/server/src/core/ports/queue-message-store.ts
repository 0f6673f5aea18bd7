import type { Headers, HeaderValue } from './broker-client.js';
import type { BodyEncoding } from './queue-mock-store.js';

/** A body as kept: the parsed JSON value, the UTF-8 text, or base64 of the bytes. */
export interface StoredBody {
  encoding: BodyEncoding;
  value: unknown;
  /** Bytes as delivered. */
  size: number;
  /** Cut at the configured limit. */
  truncated: boolean;
  /** For a JSON body, its text as delivered: stores write it as is instead of serialising `value` again. */
  json?: string;
}

/** Properties as kept: JSON-safe (the timestamp as epoch milliseconds). */
export interface StoredProperties {
  contentType?: string;
  contentEncoding?: string;
  messageId?: string;
  correlationId?: string;
  replyTo?: string;
  persistent?: boolean;
  priority?: number;
  expirationMs?: number;
  timestamp?: number;
  type?: string;
  userId?: string;
  appId?: string;
}

export interface StoredReply {
  replyTo: string;
  correlationId: string | null;
  messageId: string | null;
  body: StoredBody;
  headers: Record<string, HeaderValue>;
  sentAt: number;
  /** Why it was not sent: the broker refused it, or its Python handler failed (then nothing was sent). */
  error: string | null;
  /** Python auto-replies: what the handler printed, its traceback, how long it ran. */
  handler?: { stdout: string; stderr: string; traceback: string | null; durationMs: number };
}

export interface QueueMessageRecord {
  /** Set by the store. */
  id?: number;
  queueId: string;
  receivedAt: number;
  routingKey: string;
  exchange: string | null;
  redelivered: boolean;
  brokerMessageId: string | null;
  body: StoredBody;
  headers: Headers;
  properties: StoredProperties;
  reply?: StoredReply | null;
}

/**
 * Where the intake may attach a body's delivered bytes when they are exactly the UTF-8 of its stored
 * text (services/queues/raw-body.ts), so a store can keep them as they are: converting the text back
 * to UTF-8 while binding it cost SQLite about a third of its CPU per message. A symbol, so the bytes
 * never show in a record's JSON (live feed, API).
 */
export const RAW_BODY: unique symbol = Symbol('understudy.queueMessage.rawBody');
export type WithRawBody = QueueMessageRecord & { [RAW_BODY]?: Buffer };

export interface QueueMessageFilter {
  /** Text in the body, case-insensitive. */
  text?: string;
  /** Header name → value; every one must match exactly (compared as text). */
  headers?: Array<[string, string]>;
  since?: number;
  until?: number;
}

export interface MinuteCount {
  /** Start of the minute, epoch ms. */
  minute: number;
  count: number;
}

export interface QueueMessageStore {
  /**
   * Stores a delivered batch in ONE transaction (so it is acked whole or redelivered whole). A message
   * whose broker message id this queue mock already has is skipped: its slot in the result is null;
   * the others get their new ids, in order.
   */
  append(messages: readonly QueueMessageRecord[]): Promise<Array<number | null>>;
  /** Newest first; `before` is an id cursor (exclusive). */
  list(
    queueId: string,
    filter: QueueMessageFilter,
    limit: number,
    before?: number,
  ): Promise<QueueMessageRecord[]>;
  count(queueId: string): Promise<number>;
  /** Messages per minute received from `since` on (minutes without any are absent). */
  perMinute(queueId: string, since: number): Promise<MinuteCount[]>;
  setReply(queueId: string, id: number, reply: StoredReply): Promise<void>;
  clear(queueId: string): Promise<number>;
  /** Keeps the newest `maxMessages` and drops messages received before `olderThan`. */
  prune(queueId: string, maxMessages: number, olderThan: number): Promise<number>;
}
