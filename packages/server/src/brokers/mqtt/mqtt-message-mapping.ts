import type { IClientPublishOptions, IPublishPacket } from 'mqtt';
import type { Delivery, MessageProperties, OutgoingMessage } from '../../core/ports/broker-client.js';
import {
  decodeHeaders,
  encodeHeaders,
  encodeProperties,
  extractProperties,
  type HeaderPair,
} from '../header-codec.js';

type PublishProperties = NonNullable<IPublishPacket['properties']>;
type UserProperties = NonNullable<PublishProperties['userProperties']>;

/** MQTT 5 has fields of its own for these; the rest travel as user properties. */
const NATIVE: ReadonlyArray<keyof MessageProperties> = [
  'contentType',
  'correlationId',
  'replyTo',
  'expirationMs',
];

function userPropertyPairs(user: UserProperties | undefined): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  for (const [name, value] of Object.entries(user ?? {})) {
    for (const text of Array.isArray(value) ? value : [value]) pairs.push([name, String(text)]);
  }
  return pairs;
}

function nativeProperties(p: PublishProperties): MessageProperties {
  const properties: MessageProperties = {};
  if (p.contentType !== undefined) properties.contentType = p.contentType;
  if (p.responseTopic !== undefined) properties.replyTo = p.responseTopic;
  if (p.correlationData !== undefined)
    properties.correlationId = Buffer.from(p.correlationData).toString('utf8');
  if (p.messageExpiryInterval !== undefined) properties.expirationMs = p.messageExpiryInterval * 1000;
  return properties;
}

/** `redelivered`: the broker flagged it DUP (resent after a reconnect), or we are retrying it ourselves. */
export function toDelivery(packet: IPublishPacket, receivedAt: Date, redelivered: boolean): Delivery {
  const native = packet.properties ?? {};
  const headers = decodeHeaders(userPropertyPairs(native.userProperties));
  const properties = { ...extractProperties(headers), ...nativeProperties(native) };
  const body = typeof packet.payload === 'string' ? Buffer.from(packet.payload, 'utf8') : packet.payload;
  return {
    body,
    headers,
    properties,
    subject: packet.topic,
    redelivered: redelivered || packet.dup,
    // MQTT has no message id of its own (packet ids are reused); the producer's, when it sent one.
    brokerMessageId: properties.messageId ?? null,
    receivedAt,
  };
}

/** QoS 1 publish options: native MQTT 5 fields where they exist, user properties for the rest. */
export function toPublishOptions(
  message: OutgoingMessage,
  messageId: string,
  retain: boolean,
): IClientPublishOptions {
  const p = { ...message.properties, messageId };
  const userProperties: UserProperties = {};
  for (const [name, value] of [...encodeHeaders(message.headers), ...encodeProperties(p, NATIVE)]) {
    const previous = userProperties[name];
    if (previous === undefined) userProperties[name] = value;
    else userProperties[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  const properties: PublishProperties = { userProperties };
  if (p.contentType !== undefined) properties.contentType = p.contentType;
  if (p.replyTo !== undefined) properties.responseTopic = p.replyTo;
  if (p.correlationId !== undefined) properties.correlationData = Buffer.from(p.correlationId, 'utf8');
  // MQTT counts expiry in whole seconds; rounding up never expires a message early.
  if (p.expirationMs !== undefined) properties.messageExpiryInterval = Math.ceil(p.expirationMs / 1000);
  return { qos: 1, retain, properties };
}
