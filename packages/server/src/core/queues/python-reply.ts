import { mapperHeaders } from '../bridging/mapper-io.js';
import type { OutgoingMessage } from '../ports/broker-client.js';
import type {
  HandlerArgs,
  HandlerPayload,
  HandlerResponse,
  MessageRequestInfo,
} from '../ports/handler-runner.js';
import type { QueueMessageRecord } from '../ports/queue-message-store.js';

/** A Python auto-reply's wall-clock budget per call unless the queue mock sets its own. */
export const DEFAULT_REPLY_TIMEOUT_MS = 2_000;

/**
 * The runner fills in `content-type` from the body's type with a charset. On AMQP the plain types are
 * what clients expect (rabbitmq-client parses a body only when it is exactly `application/json`), so
 * those defaults become the ones static replies use; a content type the handler chose stays as is.
 */
const RUNNER_DEFAULTS: Record<string, string> = {
  'application/json; charset=utf-8': 'application/json',
  'text/plain; charset=utf-8': 'text/plain',
};

function requestInfo(request: QueueMessageRecord, queue: string): MessageRequestInfo {
  const { timestamp, ...rest } = request.properties;
  const properties =
    timestamp === undefined ? rest : { ...rest, timestamp: new Date(timestamp).toISOString() };
  return {
    queue,
    routingKey: request.routingKey,
    exchange: request.exchange,
    redelivered: request.redelivered,
    properties,
  };
}

/**
 * What `handler(body, headers[, request])` gets for a message, as an HTTP handler would for a request:
 * the parsed JSON body (or its text; base64 for binary), header names in lower case with text values,
 * and, for a third parameter, the message's queue, routing key, exchange, flags and properties.
 */
export function handlerArgsOf(request: QueueMessageRecord, queue: string): HandlerArgs {
  return {
    body: request.body.value,
    headers: mapperHeaders(request.headers),
    request: requestInfo(request, queue),
  };
}

function payloadBytes(payload: HandlerPayload | null): Buffer {
  if (payload === null) return Buffer.alloc(0);
  if (payload.type === 'json') return Buffer.from(JSON.stringify(payload.value) ?? 'null', 'utf8');
  if (payload.type === 'text') return Buffer.from(payload.value, 'utf8');
  return Buffer.from(payload.base64, 'base64');
}

/**
 * A handler's answer as a reply message, the HTTP return contract read for AMQP: the body as returned
 * (None sends an empty reply, so the caller is not left waiting), headers as AMQP headers except
 * `content-type`, which is the content type property. AMQP has no status: one other than 200 (the
 * status of a plain return value) is sent as the header `x-status`, so `(404, {...})` stays visible.
 */
export function replyFromHandler(
  response: HandlerResponse,
  correlationId: string | undefined,
): OutgoingMessage {
  const { 'content-type': contentType, ...headers } = response.headers;
  return {
    body: payloadBytes(response.body),
    headers: response.status === 200 ? headers : { ...headers, 'x-status': response.status },
    properties: {
      ...(contentType !== undefined && { contentType: RUNNER_DEFAULTS[contentType] ?? contentType }),
      ...(correlationId !== undefined && { correlationId }),
    },
  };
}
