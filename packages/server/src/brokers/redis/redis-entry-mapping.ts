import type { Delivery, Headers, OutgoingMessage } from '../../core/ports/broker-client.js';
import { encodeProperties, extractProperties } from '../header-codec.js';
import type { StreamEntry } from './redis-streams.js';

const BODY = 'body';
const HEADERS = 'headers';

/**
 * An entry as Understudy writes it: `body` (the bytes), `headers` (JSON, typed values kept) when there
 * are any, and one field per message property (`message-id`, `content-type`, `correlation-id`, …),
 * readable by any other Redis client.
 */
export function toEntryFields(message: OutgoingMessage): Array<string | Buffer> {
  const fields: Array<string | Buffer> = [BODY, message.body];
  for (const [name, value] of encodeProperties(message.properties ?? {})) fields.push(name, value);
  if (message.headers && Object.keys(message.headers).length > 0) {
    fields.push(HEADERS, JSON.stringify(message.headers));
  }
  return fields;
}

function parseHeaders(raw: Buffer | undefined): Headers {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Headers) : {};
  } catch {
    return { [HEADERS]: raw.toString('utf8') };
  }
}

/** Entry ids are `<ms since epoch>-<n>`: when Redis stored it. */
function storedAt(id: string): Date | undefined {
  const ms = Number(id.slice(0, id.indexOf('-')));
  return Number.isFinite(ms) && ms > 0 ? new Date(ms) : undefined;
}

/**
 * Our own entries come back as they went out. An entry written by another producer has no `body`
 * field: its fields become the body, as a JSON object, so nothing of it is lost.
 */
export function toDelivery(
  stream: string,
  entry: StreamEntry,
  receivedAt: Date,
  redelivered: boolean,
): Delivery {
  const fields = entry.fields ?? new Map<string, Buffer>();
  const body = fields.get(BODY);
  const text: Headers = {};
  for (const [name, value] of fields)
    if (name !== BODY && name !== HEADERS) text[name] = value.toString('utf8');
  const foreign = body === undefined;
  const properties = foreign ? { contentType: 'application/json' } : extractProperties(text);
  properties.timestamp ??= storedAt(entry.id);
  return {
    body: foreign ? Buffer.from(JSON.stringify(text)) : body,
    // Fields that are neither ours nor properties stay visible, as text headers.
    headers: foreign ? {} : { ...text, ...parseHeaders(fields.get(HEADERS)) },
    properties,
    subject: stream,
    redelivered,
    brokerMessageId: (foreign ? undefined : properties.messageId) ?? entry.id,
    receivedAt,
  };
}
