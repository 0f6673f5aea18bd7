import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  BrokerRejectedError,
  type AutoReplySettings,
  type Clock,
  type HandlerRunner,
  type OutgoingMessage,
  type QueueMessageRecord,
  type QueueMessageStore,
  type QueueMockRecord,
  type StoredReply,
} from '../../core/ports/index.js';
import { isDirectReplyToReturn, replyTargetOf, type ReplyTarget } from '../../core/queues/auto-reply.js';
import { decodeBody } from '../../core/queues/message-body.js';
import type { BrokerConnections } from './broker-connections.js';
import type { QueueLiveFeed } from './queue-live-feed.js';
import { composeReply, type ComposedReply } from './reply-composers.js';
import { LaneAbandonedError, ReplyLanes } from './reply-lanes.js';

export interface AutoReplierDeps {
  connections: BrokerConnections;
  messages: QueueMessageStore;
  handlers: HandlerRunner;
  feed: QueueLiveFeed;
  clock: Clock;
  log: Logger;
}

/**
 * Replies computed at once per queue mock: below the sandbox's per-handler queue (4 workers + 64
 * waiting by default), so a burst waits here, in order, instead of being refused as busy.
 */
const MAX_COMPOSING = 32;
const MAX_WAITING = 10_000;

const NO_BODY = decodeBody(Buffer.alloc(0), 0);

/** One reply to compose and send: the settings are those in force when its request was stored. */
interface ReplyJob {
  mock: QueueMockRecord;
  settings: AutoReplySettings;
  request: QueueMessageRecord;
  id: number;
  target: ReplyTarget;
}

/**
 * Answers request/reply traffic on queue mocks with an auto-reply: after a message is stored, its reply
 * is composed (a constant, or a Python handler's answer), published to its `replyTo` through the
 * broker's confirming publisher, and kept beside it; a reply that cannot be composed or sent is kept
 * with its error instead. Replies run beside intake, not inside its batch, so RPC traffic (or a slow
 * handler) never slows the store-then-ack path. A crash between storing and replying loses that reply;
 * RPC clients time out and retry.
 */
export class AutoReplier {
  readonly #inFlight = new Set<Promise<void>>();
  readonly #lanes = new ReplyLanes(MAX_COMPOSING, MAX_WAITING);

  constructor(private readonly deps: AutoReplierDeps) {}

  reply(mock: QueueMockRecord, stored: readonly QueueMessageRecord[]): void {
    const settings = mock.autoReply;
    if (!settings) return;
    for (const request of stored) {
      const target = replyTargetOf(request);
      if (!target || request.id === undefined) continue;
      const job = { mock, settings, request, id: request.id, target };
      const sending = this.#answer(job).finally(() => this.#inFlight.delete(sending));
      this.#inFlight.add(sending);
    }
  }

  /** Resolves when every reply under way is sent (or failed) and recorded. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Drops replies still waiting for their turn, then waits for the ones under way. */
  async close(): Promise<void> {
    const dropped = this.#lanes.abandonWaiting();
    if (dropped > 0) this.deps.log.warn(`shutting down: ${dropped} auto-replies were not computed`);
    await this.idle();
  }

  async #answer({ mock, settings, request, id, target }: ReplyJob): Promise<void> {
    let composed: ComposedReply;
    try {
      const context = { handlers: this.deps.handlers, mock };
      composed = await this.#lanes.run(mock.id, () => composeReply(settings, request, context));
    } catch (error) {
      if (error instanceof LaneAbandonedError) return;
      composed = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    const reply = composed.ok
      ? await this.#send(mock, target, composed.message)
      : this.#unsent(target, composed.error);
    if (composed.handler) reply.handler = composed.handler;
    await this.#record(mock, id, reply);
  }

  async #send(mock: QueueMockRecord, target: ReplyTarget, message: OutgoingMessage): Promise<StoredReply> {
    // Our own id, so the reply can be named even when the broker's answer is the false NO_ROUTE below.
    const messageId = randomUUID();
    const sent = { ...message, properties: { ...message.properties, messageId } };
    let error: string | null = null;
    try {
      await this.deps.connections.client(mock.broker).publish(target.target, sent);
    } catch (failure) {
      const forgiven =
        failure instanceof BrokerRejectedError && isDirectReplyToReturn(target.target, failure.brokerCode);
      if (!forgiven) error = failure instanceof Error ? failure.message : String(failure);
    }
    return {
      replyTo: target.target,
      correlationId: target.correlationId,
      messageId,
      body: decodeBody(message.body, Number.MAX_SAFE_INTEGER),
      headers: message.headers ?? {},
      sentAt: this.deps.clock.now(),
      error,
    };
  }

  /** A reply that was never published: no message id, no body, and why. */
  #unsent(target: ReplyTarget, error: string): StoredReply {
    const { target: replyTo, correlationId } = target;
    return {
      replyTo,
      correlationId,
      messageId: null,
      body: NO_BODY,
      headers: {},
      sentAt: this.deps.clock.now(),
      error,
    };
  }

  async #record(mock: QueueMockRecord, id: number, reply: StoredReply): Promise<void> {
    try {
      await this.deps.messages.setReply(mock.id, id, reply);
    } catch (failure) {
      this.deps.log.warn({ err: failure, queueMock: mock.id }, 'auto-reply sent but not recorded');
    }
    this.deps.feed.publish(mock.id, { type: 'reply', id, reply });
  }
}
