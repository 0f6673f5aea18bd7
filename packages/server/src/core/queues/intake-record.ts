import type { Delivery, Headers, HeaderValue, MessageProperties } from '../ports/broker-client.js';
import type { QueueMessageRecord, StoredProperties } from '../ports/queue-message-store.js';
import { decodeBody, jsonBody } from './message-body.js';

/** PostgreSQL text and JSONB cannot hold NUL; a header carrying one must not poison its whole batch. */
function safeString(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}

function safeHeader(value: HeaderValue): HeaderValue {
  if (typeof value === 'string') return safeString(value);
  if (Array.isArray(value)) return value.map(safeHeader);
  if (value !== null && typeof value === 'object') return safeHeaders(value);
  return value;
}

function safeHeaders(headers: Headers): Headers {
  const safe: Headers = {};
  for (const [name, value] of Object.entries(headers)) safe[safeString(name)] = safeHeader(value);
  return safe;
}

/** JSON-safe: the timestamp as epoch milliseconds, strings without NUL. Keys copied as they come. */
function storedProperties(p: MessageProperties): StoredProperties {
  const stored: StoredProperties = {};
  for (const key in p) {
    const value = p[key as keyof MessageProperties];
    if (value === undefined) continue;
    if (value instanceof Date) stored.timestamp = value.getTime();
    else (stored as Record<string, unknown>)[key] = typeof value === 'string' ? safeString(value) : value;
  }
  return stored;
}

/** A delivery as the store keeps it (issue 6: body raw, headers, properties, routing key, flags, time). */
export function toMessageRecord(queueId: string, delivery: Delivery, bodyLimit: number): QueueMessageRecord {
  const headers = delivery.headers;
  return {
    queueId,
    receivedAt: delivery.receivedAt.getTime(),
    routingKey: safeString(delivery.subject),
    exchange: delivery.exchange === undefined ? null : safeString(delivery.exchange),
    redelivered: delivery.redelivered,
    brokerMessageId: delivery.brokerMessageId === null ? null : safeString(delivery.brokerMessageId),
    body:
      (delivery.json && jsonBody(delivery.json.text, delivery.json.value, bodyLimit)) ??
      decodeBody(delivery.body, bodyLimit),
    // Most messages carry no headers; skip the walk for them (this runs once per message on intake).
    headers: Object.keys(headers).length === 0 ? headers : safeHeaders(headers),
    properties: storedProperties(delivery.properties),
  };
}
