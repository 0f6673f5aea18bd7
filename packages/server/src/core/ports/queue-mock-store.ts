import type { HeaderValue, RabbitmqBinding } from './broker-client.js';

export type BodyEncoding = 'json' | 'text' | 'base64';

export interface QueueMockOptions {
  durable?: boolean;
  queueType?: 'classic' | 'quorum';
  bindings?: RabbitmqBinding[];
  prefetch?: number;
}

export interface QueueRetentionSettings {
  maxMessages: number;
  maxAgeHours: number;
}

export interface StaticAutoReplySettings {
  kind: 'static';
  body: unknown;
  bodyEncoding?: BodyEncoding;
  headers?: Record<string, HeaderValue>;
  contentType?: string;
}

export interface PythonAutoReplySettings {
  kind: 'python';
  /** Defines `handler(body, headers[, request])`; checked by the HandlerRunner when saved. */
  code: string;
  timeoutMs?: number;
}

export type AutoReplySettings = StaticAutoReplySettings | PythonAutoReplySettings;

/** A queue mock as kept: which queue on which broker, how it is declared, kept and answered. */
export interface QueueMockRecord {
  id: string;
  broker: string;
  queue: string;
  create: boolean;
  options: QueueMockOptions;
  retention: QueueRetentionSettings;
  autoReply: AutoReplySettings | null;
  ownerId: string;
  createdAt: number;
  updatedAt: number;
}

export interface QueueMockStore {
  /** 'taken' when the broker already has a queue mock on that queue; 'no-broker' when it is gone. */
  create(mock: QueueMockRecord): Promise<QueueMockRecord | 'taken' | 'no-broker'>;
  get(id: string): Promise<QueueMockRecord | undefined>;
  /** Oldest first. */
  list(): Promise<QueueMockRecord[]>;
  listByBroker(broker: string): Promise<QueueMockRecord[]>;
  /** Replaces retention and auto-reply; undefined when there is no such queue mock. */
  update(mock: QueueMockRecord): Promise<QueueMockRecord | undefined>;
  /**
   * Deletes the queue mock with its messages, or only the queue mock with `keepMessages` (they are
   * its again if it is created anew with the same id; QueueMessageStore.clear removes them).
   */
  delete(id: string, options?: { keepMessages?: boolean }): Promise<boolean>;
}
