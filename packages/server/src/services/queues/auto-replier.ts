import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  BrokerRejectedError,
  type Clock,
  type QueueMessageRecord,
  type QueueMessageStore,
  type QueueMockRecord,
  type StoredReply,
} from '../../core/ports/index.js';
import { isDirectReplyToReturn, planReply, type ReplyPlan } from '../../core/queues/auto-reply.js';
import { decodeBody } from '../../core/queues/message-body.js';
import type { BrokerConnections } from './broker-connections.js';
import type { QueueLiveFeed } from './queue-live-feed.js';

/**
 * Answers request/reply traffic on queue mocks with an auto-reply: after a message is stored, its reply
 * is published to its `replyTo` (through the broker's confirming publisher) and kept beside it.
 * Replies run beside intake, not inside its batch, so RPC traffic never slows the store-then-ack path.
 * A crash between storing and replying loses that reply; RPC clients time out and retry.
 */
export class AutoReplier {
  readonly #inFlight = new Set<Promise<void>>();

  constructor(
    private readonly connections: BrokerConnections,
    private readonly messages: QueueMessageStore,
    private readonly feed: QueueLiveFeed,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  reply(mock: QueueMockRecord, stored: readonly QueueMessageRecord[]): void {
    if (!mock.autoReply) return;
    for (const request of stored) {
      let plan: ReplyPlan | null;
      try {
        plan = planReply(mock.autoReply, request);
      } catch (error) {
        this.log.warn({ err: error, queueMock: mock.id }, 'auto-reply cannot be built');
        continue;
      }
      if (!plan || request.id === undefined) continue;
      const sending = this.#send(mock, request.id, plan).finally(() => this.#inFlight.delete(sending));
      this.#inFlight.add(sending);
    }
  }

  /** Resolves when every reply under way is sent (or failed) and recorded. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  async #send(mock: QueueMockRecord, id: number, plan: ReplyPlan): Promise<void> {
    // Our own id, so the reply can be named even when the broker's answer is the false NO_ROUTE below.
    const messageId = randomUUID();
    const message = { ...plan.message, properties: { ...plan.message.properties, messageId } };
    let error: string | null = null;
    try {
      await this.connections.client(mock.broker).publish(plan.target, message);
    } catch (failure) {
      const forgiven =
        failure instanceof BrokerRejectedError && isDirectReplyToReturn(plan.target, failure.brokerCode);
      if (!forgiven) error = failure instanceof Error ? failure.message : String(failure);
    }
    const reply: StoredReply = {
      replyTo: plan.target,
      correlationId: plan.correlationId,
      messageId,
      body: decodeBody(plan.message.body, Number.MAX_SAFE_INTEGER),
      headers: plan.message.headers ?? {},
      sentAt: this.clock.now(),
      error,
    };
    try {
      await this.messages.setReply(mock.id, id, reply);
    } catch (failure) {
      this.log.warn({ err: failure, queueMock: mock.id }, 'auto-reply sent but not recorded');
    }
    this.feed.publish(mock.id, { type: 'reply', id, reply });
  }
}
