import type { OutgoingMessage } from '../ports/broker-client.js';
import type { StaticAutoReplySettings } from '../ports/queue-mock-store.js';
import type { QueueMessageRecord } from '../ports/queue-message-store.js';
import { encodeBody } from './message-body.js';

/** Where a reply goes: a message's reply-to address, on its correlation id. */
export interface ReplyTarget {
  target: string;
  correlationId: string | null;
}

/**
 * A message with `replyTo` (AMQP reply_to; RPC clients set it with a correlation id) gets an answer on
 * that address, carrying the same correlation id. Others get none.
 */
export function replyTargetOf(request: QueueMessageRecord): ReplyTarget | null {
  const target = request.properties.replyTo;
  if (!target) return null;
  return { target, correlationId: request.properties.correlationId ?? null };
}

/** The constant reply of a static auto-reply, on the request's correlation id. */
export function staticReply(settings: StaticAutoReplySettings, request: QueueMessageRecord): OutgoingMessage {
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
