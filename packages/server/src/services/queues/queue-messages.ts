import type { PublishRequest } from '@understudy/contracts';
import type {
  Clock,
  Headers,
  MinuteCount,
  PublishReceipt,
  QueueMessageFilter,
  QueueMessageRecord,
  QueueMessageStore,
} from '../../core/ports/index.js';
import { encodeBody } from '../../core/queues/message-body.js';
import type { BrokerConnections } from './broker-connections.js';
import type { QueueCatalog } from './queue-catalog.js';

const MINUTE = 60_000;
const STATS_MINUTES = 60;

export interface MessagePage {
  items: QueueMessageRecord[];
  next: string | null;
}

/** Reading a queue mock's messages, its per-minute chart, and publishing into it. */
export class QueueMessages {
  constructor(
    private readonly catalog: QueueCatalog,
    private readonly messages: QueueMessageStore,
    private readonly connections: BrokerConnections,
    private readonly clock: Clock,
  ) {}

  /** Newest first. Every message here is committed: intake acks only after storing. */
  async page(id: string, filter: QueueMessageFilter, limit: number, cursor?: number): Promise<MessagePage> {
    await this.catalog.get(id);
    const rows = await this.messages.list(id, filter, limit + 1, cursor);
    const items = rows.slice(0, limit);
    const next = rows.length > limit ? String(items[items.length - 1]?.id) : null;
    return { items, next };
  }

  /**
   * Messages stored after the message `afterId`, oldest first, at most `limit` (the newest of them);
   * `complete` is false when more than that were stored since.
   */
  async after(
    id: string,
    afterId: number,
    limit: number,
  ): Promise<{ items: QueueMessageRecord[]; complete: boolean }> {
    const newest = await this.messages.list(id, {}, limit + 1);
    const items = newest.filter((m) => (m.id ?? 0) > afterId);
    const complete = items.length <= limit;
    return { items: items.slice(0, limit).reverse(), complete };
  }

  /** The total kept, and the last hour minute by minute (empty minutes included, oldest first). */
  async stats(id: string): Promise<{ total: number; perMinute: MinuteCount[] }> {
    await this.catalog.get(id);
    const current = Math.floor(this.clock.now() / MINUTE) * MINUTE;
    const first = current - (STATS_MINUTES - 1) * MINUTE;
    const [total, counted] = await Promise.all([this.messages.count(id), this.messages.perMinute(id, first)]);
    const byMinute = new Map(counted.map((c) => [c.minute, c.count]));
    const perMinute = Array.from({ length: STATS_MINUTES }, (_, i) => {
      const minute = first + i * MINUTE;
      return { minute, count: byMinute.get(minute) ?? 0 };
    });
    return { total, perMinute };
  }

  /**
   * Publishes into the queue mock's queue and resolves once the broker confirmed it (the adapter's one
   * publisher per broker, with its bounded in-flight window). Anyone signed in may publish: it is
   * traffic for the mock, like any client's, not a change to it.
   */
  async publish(id: string, input: PublishRequest): Promise<PublishReceipt> {
    const mock = await this.catalog.get(id);
    const { bytes, contentType } = encodeBody(input.body, input.bodyEncoding, '/body/body');
    const properties = { ...input.properties, contentType: input.properties?.contentType ?? contentType };
    return this.connections.client(mock.broker).publish(mock.queue, {
      body: bytes,
      // Parsed from a JSON body, so every value is JSON: exactly what HeaderValue allows.
      headers: (input.headers ?? {}) as Headers,
      properties,
    });
  }
}
