import { headers as natsHeaders, type Msg, type MsgHdrs } from '@nats-io/transport-node';
import type { Delivery, OutgoingMessage } from '../../core/ports/broker-client.js';
import {
  decodeHeaders,
  encodeHeaders,
  encodeProperties,
  extractProperties,
  type HeaderPair,
} from '../header-codec.js';

/** JetStream's dedupe header; it doubles as the message id property. */
export const MSG_ID_HEADER = 'Nats-Msg-Id';

/** What JetStream packs into the ack subject of every message it delivers. */
export interface AckInfo {
  stream: string;
  consumer: string;
  deliveryCount: number;
  streamSequence: number;
  /** Nanoseconds since the epoch when the stream stored it: too large for a JS number, kept as text. */
  storedAtNanos: string;
}

/**
 * Parses `$JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<dseq>.<ns>.<pending>` and the newer form with
 * domain and account hash in front (ADR-15), as nats.js's own `parseInfo` does.
 */
export function parseAckSubject(reply: string): AckInfo | null {
  if (!reply.startsWith('$JS.ACK.')) return null;
  const tokens = reply.split('.');
  // The old form has 9 tokens; the new one puts domain and account hash after `$JS.ACK`.
  const at = tokens.length === 9 ? 2 : 4;
  if (tokens.length !== 9 && tokens.length < 11) return null;
  const stream = tokens[at];
  const consumer = tokens[at + 1];
  const deliveryCount = Number(tokens[at + 2]);
  const streamSequence = Number(tokens[at + 3]);
  const storedAtNanos = tokens[at + 5];
  if (!stream || !consumer || !storedAtNanos || !(deliveryCount > 0) || !(streamSequence > 0)) return null;
  return { stream, consumer, deliveryCount, streamSequence, storedAtNanos };
}

function headerPairs(headers: MsgHdrs | undefined): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  if (!headers) return pairs;
  for (const [name, values] of headers) for (const value of values) pairs.push([name, value]);
  return pairs;
}

export function toDelivery(msg: Msg, info: AckInfo, receivedAt: Date): Delivery {
  // Most messages carry no headers: skip the decoding for them (this runs for every message).
  const headers = msg.headers ? decodeHeaders(headerPairs(msg.headers)) : {};
  const msgId = headers[MSG_ID_HEADER];
  delete headers[MSG_ID_HEADER];
  const properties = msg.headers ? extractProperties(headers) : {};
  if (typeof msgId === 'string') properties.messageId = msgId;
  // Nanoseconds to milliseconds by dropping six digits: no BigInt per message.
  properties.timestamp ??= new Date(Number(info.storedAtNanos.slice(0, -6)));
  // Shares the bytes nats.js received rather than copying them; nats.js never reuses that memory.
  const body = Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength);
  return {
    body,
    headers,
    properties,
    subject: msg.subject,
    redelivered: info.deliveryCount > 1,
    // Without a producer id, sequence + store time stays unique even if the stream is re-created.
    brokerMessageId: properties.messageId ?? `${info.streamSequence}@${info.storedAtNanos}`,
    receivedAt,
  };
}

/** Headers and properties as NATS headers; the message id goes in as `Nats-Msg-Id` (see publish). */
export function toNatsHeaders(message: OutgoingMessage): MsgHdrs | undefined {
  const pairs = [
    ...encodeHeaders(message.headers),
    ...encodeProperties(message.properties ?? {}, ['messageId']),
  ];
  if (pairs.length === 0) return undefined;
  const headers = natsHeaders();
  for (const [name, value] of pairs) headers.append(name, value);
  return headers;
}
