import type { Headers } from './broker-client.js';
import type { StoredBody, StoredProperties } from './queue-message-store.js';

export interface BridgeInEndpoint {
  broker: string;
  queue: string;
  /** Create the IN queue when it is missing. */
  create: boolean;
}

/** A queue, or (RabbitMQ) an exchange with a routing key. */
export interface BridgeOutEndpoint {
  broker: string;
  queue?: string;
  exchange?: string;
  routingKey?: string;
  /** Declare the OUT queue when the bridge starts. */
  create?: boolean;
}

export type MapperSettings =
  | { kind: 'identity' }
  | { kind: 'template'; template: unknown; headers?: Record<string, string> }
  | { kind: 'python'; code: string; timeoutMs?: number };

export type MapperKind = MapperSettings['kind'];

export interface RetrySettings {
  /** Mapper calls per message before it becomes a dead letter. */
  attempts: number;
  /** Wait before the second call; doubles for each further one. */
  backoffMs: number;
}

export interface BridgeRecord {
  id: string;
  name: string;
  in: BridgeInEndpoint;
  out: BridgeOutEndpoint;
  mapper: MapperSettings;
  concurrency: number;
  enabled: boolean;
  retry: RetrySettings;
  ownerId: string;
  createdAt: number;
  updatedAt: number;
}

/** What a bridge did, summed over every node and restart. */
export interface BridgeCounts {
  in: number;
  out: number;
  dropped: number;
  dead: number;
}

export interface BridgeStore {
  /** 'taken' when the name is; 'no-broker' when IN's or OUT's broker is not registered. */
  create(bridge: BridgeRecord): Promise<BridgeRecord | 'taken' | 'no-broker'>;
  get(id: string): Promise<BridgeRecord | undefined>;
  /** Oldest first. */
  list(): Promise<BridgeRecord[]>;
  /** Replaces everything but id, owner and creation time; undefined when there is no such bridge. */
  update(bridge: BridgeRecord): Promise<BridgeRecord | undefined | 'taken' | 'no-broker'>;
  /** Deletes the bridge with its dead letters. */
  delete(id: string): Promise<boolean>;
  counts(id: string): Promise<BridgeCounts | undefined>;
  /** Adds to the stored counters (increments, so nodes sharing a database never overwrite each other). */
  addCounts(id: string, delta: BridgeCounts): Promise<void>;
}

export interface DeadLetterError {
  /** A HandlerFailureKind, or `out-refused` when OUT refused this very message. */
  kind: string;
  message: string;
  traceback: string | null;
}

/** An IN message the bridge gave up on, kept with everything needed to inspect and replay it. */
export interface DeadLetterRecord {
  /** Set by the store. */
  id?: number;
  bridgeId: string;
  /** Of the IN message (see core/bridging/message-id.ts); a replay publishes with ids derived from it. */
  messageId: string;
  body: StoredBody;
  headers: Headers;
  properties: StoredProperties;
  routingKey: string;
  exchange: string | null;
  error: DeadLetterError;
  attempts: number;
  receivedAt: number;
  failedAt: number;
  editedAt: number | null;
}

export interface DeadLetterStore {
  /** The new id, or null when the bridge already keeps a dead letter for this message id. */
  add(letter: DeadLetterRecord): Promise<number | null>;
  /** Newest first; `before` is an id cursor (exclusive). */
  list(bridgeId: string, limit: number, before?: number): Promise<DeadLetterRecord[]>;
  get(bridgeId: string, id: number): Promise<DeadLetterRecord | undefined>;
  /** Replaces body, headers, error, attempts and times; false when it is gone. */
  update(letter: DeadLetterRecord): Promise<boolean>;
  delete(bridgeId: string, id: number): Promise<boolean>;
  count(bridgeId: string): Promise<number>;
}
