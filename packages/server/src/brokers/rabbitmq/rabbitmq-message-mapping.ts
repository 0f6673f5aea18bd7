import type { AsyncMessage, Envelope } from 'rabbitmq-client';
import type {
  Delivery,
  HeaderValue,
  Headers,
  MessageProperties,
  OutgoingMessage,
  PublishOptions,
} from '../../core/ports/broker-client.js';

/** Whether rabbitmq-client parsed this body as JSON (it does for `application/json` without an encoding). */
function parsedAsJson(msg: Pick<AsyncMessage, 'body' | 'contentType' | 'contentEncoding'>): boolean {
  return !Buffer.isBuffer(msg.body) && msg.contentType === 'application/json' && !msg.contentEncoding;
}

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
  if (typeof body === 'string' && !parsedAsJson(msg)) return Buffer.from(body, 'utf8');
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

// Copied one by one, only when present: building all twelve and deleting the undefined ones made
// every delivery's properties a slow dictionary-mode object.
function propertiesOf(msg: AsyncMessage): MessageProperties {
  const p: MessageProperties = { persistent: msg.durable === true };
  if (msg.contentType !== undefined) p.contentType = msg.contentType;
  if (msg.contentEncoding !== undefined) p.contentEncoding = msg.contentEncoding;
  if (msg.messageId !== undefined) p.messageId = msg.messageId;
  if (msg.correlationId !== undefined) p.correlationId = msg.correlationId;
  if (msg.replyTo !== undefined) p.replyTo = msg.replyTo;
  if (msg.priority !== undefined) p.priority = msg.priority;
  if (msg.expiration !== undefined) {
    const expirationMs = Number(msg.expiration);
    if (Number.isFinite(expirationMs)) p.expirationMs = expirationMs;
  }
  if (msg.timestamp !== undefined) p.timestamp = new Date(msg.timestamp * 1000);
  if (msg.type !== undefined) p.type = msg.type;
  if (msg.userId !== undefined) p.userId = msg.userId;
  if (msg.appId !== undefined) p.appId = msg.appId;
  return p;
}

/**
 * A delivery as the port describes it. A body rabbitmq-client parsed as JSON travels as that value
 * and its text (what intake stores); its bytes are made only if someone asks for them (a bridge).
 */
class RabbitmqDelivery implements Delivery {
  readonly headers: Headers;
  readonly properties: MessageProperties;
  readonly subject: string;
  readonly exchange: string;
  readonly redelivered: boolean;
  readonly brokerMessageId: string | null;
  readonly json: { text: string; value: unknown } | undefined;
  #body: Buffer | undefined;

  constructor(
    msg: AsyncMessage,
    readonly receivedAt: Date,
  ) {
    this.headers = msg.headers === undefined ? {} : toHeaders(msg.headers);
    this.properties = propertiesOf(msg);
    this.subject = msg.routingKey;
    this.exchange = msg.exchange;
    this.redelivered = msg.redelivered;
    this.brokerMessageId = msg.messageId ?? null;
    if (parsedAsJson(msg)) {
      this.json = { text: JSON.stringify(msg.body) ?? 'null', value: msg.body };
    } else {
      this.json = undefined;
      this.#body = bodyBytes(msg);
    }
  }

  get body(): Buffer {
    this.#body ??= Buffer.from(this.json?.text ?? '', 'utf8');
    return this.#body;
  }
}

export function toDelivery(msg: AsyncMessage, receivedAt: Date): Delivery {
  return new RabbitmqDelivery(msg, receivedAt);
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
