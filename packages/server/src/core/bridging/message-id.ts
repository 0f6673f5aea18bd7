import type { Delivery, HeaderValue, Headers } from '../ports/broker-client.js';

/** A hash function over some chunks, as lower-case hex (the service passes SHA-256). */
export type Digest = (chunks: ReadonlyArray<string | Uint8Array>) => string;

/** What an IN message is identified by; every field stays the same when the broker redelivers it. */
export type IdentifiedMessage = Pick<Delivery, 'body' | 'headers' | 'properties' | 'subject' | 'exchange'> & {
  brokerMessageId: string | null;
};

/**
 * Headers the broker adds or changes on redelivery (quorum queues count deliveries, dead-lettering
 * adds x-death); they must not change the id, or a redelivered message would look new.
 */
const REDELIVERY_HEADER = /^x-(delivery-count$|death$|first-death-|last-death-)/i;

/** JSON with object keys sorted at every level, so equal headers always hash alike. */
function canonical(value: HeaderValue | undefined): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

function stableHeaders(headers: Headers): Headers {
  const kept: Headers = {};
  for (const [name, value] of Object.entries(headers)) if (!REDELIVERY_HEADER.test(name)) kept[name] = value;
  return kept;
}

/**
 * The id a bridge publishes an IN message's output with (issue 7): the broker's message id when the
 * message has one, else a hash of its body, headers and delivery info. A redelivery (after a crash or
 * a rejected batch) therefore goes out with the same id, so OUT consumers can drop duplicates.
 */
export function inMessageId(message: IdentifiedMessage, digest: Digest): string {
  if (message.brokerMessageId) return message.brokerMessageId;
  const p = message.properties;
  const delivery = {
    exchange: message.exchange ?? null,
    subject: message.subject,
    correlationId: p.correlationId ?? null,
    contentType: p.contentType ?? null,
    type: p.type ?? null,
    appId: p.appId ?? null,
    replyTo: p.replyTo ?? null,
    timestamp: p.timestamp ? p.timestamp.getTime() : null,
  };
  const hex = digest([
    canonical(delivery),
    '\n',
    canonical(stableHeaders(message.headers)),
    '\n',
    message.body,
  ]);
  return `h-${hex.slice(0, 32)}`;
}

/** The id of output `index` of `count`: a fan-out adds `:<index>`, a single message keeps the IN id. */
export function outMessageId(inId: string, index: number, count: number): string {
  return count === 1 ? inId : `${inId}:${index}`;
}
