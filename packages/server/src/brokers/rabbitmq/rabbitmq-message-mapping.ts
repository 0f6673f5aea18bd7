import type { AsyncMessage, Envelope } from 'rabbitmq-client';
import type {
  Delivery,
  HeaderValue,
  Headers,
  MessageProperties,
  OutgoingMessage,
  PublishOptions,
} from '../../core/ports/broker-client.js';

const JSON_TYPE = 'application/json';

/** Whether rabbitmq-client parsed this body as JSON (it does for `application/json` without an encoding). */
function parsedAsJson(msg: Pick<AsyncMessage, 'body' | 'contentType' | 'contentEncoding'>): boolean {
  return !Buffer.isBuffer(msg.body) && msg.contentType === JSON_TYPE && !msg.contentEncoding;
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

/** The AMQP properties of a message, each stored the port's way when the message has it. */
const PROPERTY_COPIERS: Readonly<Record<string, (p: MessageProperties, value: unknown) => void>> = {
  contentType: (p, v) => (p.contentType = v as string),
  contentEncoding: (p, v) => (p.contentEncoding = v as string),
  messageId: (p, v) => (p.messageId = v as string),
  correlationId: (p, v) => (p.correlationId = v as string),
  replyTo: (p, v) => (p.replyTo = v as string),
  priority: (p, v) => (p.priority = v as number),
  expiration: (p, v) => {
    const expirationMs = Number(v);
    if (Number.isFinite(expirationMs)) p.expirationMs = expirationMs;
  },
  timestamp: (p, v) => (p.timestamp = new Date((v as number) * 1000)),
  type: (p, v) => (p.type = v as string),
  userId: (p, v) => (p.userId = v as string),
  appId: (p, v) => (p.appId = v as string),
};

/**
 * rabbitmq-client builds each message by spreading its frames into one object, and V8 looks up a
 * property such an object lacks very slowly (~0.2 µs each, measured; most of the twelve AMQP
 * properties are absent from most messages). So the message is read in one pass over the keys it has.
 */
function propertiesOf(msg: AsyncMessage): MessageProperties {
  const p: MessageProperties = { persistent: msg.durable === true };
  const fields = msg as unknown as Record<string, unknown>;
  for (const key in fields) {
    const value = fields[key];
    if (value !== undefined) PROPERTY_COPIERS[key]?.(p, value);
  }
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
    const properties = propertiesOf(msg);
    // `'headers' in`, not a read: see propertiesOf.
    this.headers = 'headers' in msg && msg.headers ? toHeaders(msg.headers) : {};
    this.properties = properties;
    this.subject = msg.routingKey;
    this.exchange = msg.exchange;
    this.redelivered = msg.redelivered;
    this.brokerMessageId = properties.messageId ?? null;
    const { body } = msg;
    if (!Buffer.isBuffer(body) && properties.contentType === JSON_TYPE && !properties.contentEncoding) {
      this.json = { text: JSON.stringify(body) ?? 'null', value: body };
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
