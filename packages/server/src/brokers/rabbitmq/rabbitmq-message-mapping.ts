import type { AsyncMessage, Envelope } from 'rabbitmq-client';
import type {
  Delivery,
  HeaderValue,
  Headers,
  MessageProperties,
  OutgoingMessage,
  PublishOptions,
} from '../../core/ports/broker-client.js';

/**
 * rabbitmq-client decodes bodies it thinks it understands: `text/plain` becomes a string and
 * `application/json` a parsed value, with no switch to turn that off. We turn them back into bytes.
 * Text round-trips exactly for valid UTF-8; JSON comes back re-serialised, so insignificant whitespace
 * and integers beyond 2^53 are not preserved byte for byte. Other content types arrive untouched.
 */
export function bodyBytes(msg: Pick<AsyncMessage, 'body' | 'contentType' | 'contentEncoding'>): Buffer {
  const { body } = msg;
  if (Buffer.isBuffer(body)) return body;
  // A JSON string body ("abc") parses to a string too, so the content type decides, not typeof.
  const parsedJson = msg.contentType === 'application/json' && !msg.contentEncoding;
  if (typeof body === 'string' && !parsedJson) return Buffer.from(body, 'utf8');
  return Buffer.from(JSON.stringify(body) ?? '', 'utf8');
}

/** AMQP field tables may hold byte arrays, decimals and 64-bit numbers; the port promises JSON-safe values. */
export function toHeaderValue(value: unknown): HeaderValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toHeaderValue);
  if (typeof value === 'object') return toHeaders(value as Record<string, unknown>);
  return String(value);
}

export function toHeaders(table: Record<string, unknown> | undefined): Headers {
  const headers: Headers = {};
  if (!table) return headers;
  for (const [key, value] of Object.entries(table)) headers[key] = toHeaderValue(value);
  return headers;
}

function propertiesOf(msg: AsyncMessage): MessageProperties {
  const expirationMs = msg.expiration === undefined ? undefined : Number(msg.expiration);
  const properties: MessageProperties = {
    contentType: msg.contentType,
    contentEncoding: msg.contentEncoding,
    messageId: msg.messageId,
    correlationId: msg.correlationId,
    replyTo: msg.replyTo,
    persistent: msg.durable === true,
    priority: msg.priority,
    expirationMs: Number.isFinite(expirationMs) ? expirationMs : undefined,
    timestamp: msg.timestamp === undefined ? undefined : new Date(msg.timestamp * 1000),
    type: msg.type,
    userId: msg.userId,
    appId: msg.appId,
  };
  return withoutUndefined(properties);
}

export function toDelivery(msg: AsyncMessage, receivedAt: Date): Delivery {
  return {
    body: bodyBytes(msg),
    headers: toHeaders(msg.headers),
    properties: propertiesOf(msg),
    subject: msg.routingKey,
    exchange: msg.exchange,
    redelivered: msg.redelivered,
    brokerMessageId: msg.messageId ?? null,
    receivedAt,
  };
}

/**
 * Every publish is `mandatory`: a message no queue would take comes back as basic.return instead of
 * being confirmed and dropped, which is how a bridge notices that its OUT queue was deleted.
 */
export function toEnvelope(
  target: string,
  message: OutgoingMessage,
  messageId: string,
  options?: PublishOptions,
): Envelope {
  const p = message.properties ?? {};
  return withoutUndefined({
    exchange: options?.kind === 'rabbitmq' ? options.exchange : '',
    routingKey: target,
    mandatory: true,
    durable: p.persistent ?? true,
    contentType: p.contentType,
    contentEncoding: p.contentEncoding,
    messageId,
    correlationId: p.correlationId,
    replyTo: p.replyTo,
    priority: p.priority,
    expiration: p.expirationMs === undefined ? undefined : String(p.expirationMs),
    timestamp: Math.floor((p.timestamp ?? new Date()).getTime() / 1000),
    type: p.type,
    userId: p.userId,
    appId: p.appId,
    headers: message.headers,
  });
}

function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
