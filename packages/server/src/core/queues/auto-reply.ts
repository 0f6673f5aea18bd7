import type { OutgoingMessage } from '../ports/broker-client.js';
import type { AutoReplySettings, StaticAutoReplySettings } from '../ports/queue-mock-store.js';
import type { QueueMessageRecord } from '../ports/queue-message-store.js';
import { encodeBody } from './message-body.js';

/** Where and what to answer. */
export interface ReplyPlan {
  target: string;
  correlationId: string | null;
  message: OutgoingMessage;
}

type Planner<S extends AutoReplySettings> = (settings: S, request: QueueMessageRecord) => OutgoingMessage;

function staticReply(settings: StaticAutoReplySettings, request: QueueMessageRecord): OutgoingMessage {
  const { bytes, contentType } = encodeBody(settings.body, settings.bodyEncoding, '/body/autoReply/body');
  const correlationId = request.properties.correlationId;
  return {
    body: bytes,
    headers: settings.headers ?? {},
    properties: {
      contentType: settings.contentType ?? contentType,
      ...(correlationId === undefined ? {} : { correlationId }),
    },
  };
}

/** One planner per auto-reply kind (STYLE rule 3); `python` joins through the HandlerRunner later. */
export const replyPlanners: {
  [K in AutoReplySettings['kind']]: Planner<Extract<AutoReplySettings, { kind: K }>>;
} = { static: staticReply };

/** RabbitMQ's direct reply-to pseudo-queue, which RPC clients (rabbitmq-client's among them) use. */
const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to.';

/**
 * Whether a "no queue took it" refusal of a reply is the broker's false alarm: RabbitMQ returns a
 * mandatory publish to the direct reply-to pseudo-queue as NO_ROUTE although it delivered it (seen on
 * 3.10). The broker cannot tell us more, so such a reply counts as sent.
 */
export function isDirectReplyToReturn(target: string, brokerCode: string | undefined): boolean {
  return brokerCode === 'NO_ROUTE' && target.startsWith(DIRECT_REPLY_TO);
}

/**
 * The reply a message asks for: one with `replyTo` (AMQP reply_to; RPC clients set it with a
 * correlation id) gets an answer on that address, carrying the same correlation id. Others get none.
 */
export function planReply(settings: AutoReplySettings | null, request: QueueMessageRecord): ReplyPlan | null {
  const target = request.properties.replyTo;
  if (!settings || !target) return null;
  return {
    target,
    correlationId: request.properties.correlationId ?? null,
    message: replyPlanners[settings.kind](settings, request),
  };
}
