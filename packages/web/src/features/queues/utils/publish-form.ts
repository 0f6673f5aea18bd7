import type { BodyEncoding, PublishProperties, PublishRequest, QueueMessage } from '@understudy/contracts';
import { emptyHeaderRow, toHeaderRows, toHeaders, type HeaderRow } from './header-rows';
import { bodyToText, parseBody } from './message-body-input';

/** The text properties of the publish form, in the order shown. */
export const TEXT_PROPERTIES = [
  'contentType',
  'correlationId',
  'replyTo',
  'messageId',
  'type',
  'appId',
] as const;
export type TextProperty = (typeof TEXT_PROPERTIES)[number];
export const NUMBER_PROPERTIES = ['priority', 'expirationMs'] as const;
export type NumberProperty = (typeof NUMBER_PROPERTIES)[number];

export interface PublishFormValue {
  encoding: BodyEncoding;
  body: string;
  headers: HeaderRow[];
  text: Record<TextProperty, string>;
  numbers: Record<NumberProperty, number | ''>;
  persistent: boolean;
}

export function emptyPublishForm(): PublishFormValue {
  return {
    encoding: 'json',
    body: '',
    headers: [emptyHeaderRow()],
    text: { contentType: '', correlationId: '', replyTo: '', messageId: '', type: '', appId: '' },
    numbers: { priority: '', expirationMs: '' },
    persistent: true,
  };
}

/** The properties a message can be published with again (not its id, time or user: those are the broker's). */
function republishable(message: QueueMessage): PublishProperties {
  const {
    contentType,
    contentEncoding,
    correlationId,
    replyTo,
    persistent,
    priority,
    expirationMs,
    type,
    appId,
  } = message.properties;
  const all: PublishProperties = {
    contentType,
    contentEncoding,
    correlationId,
    replyTo,
    persistent,
    priority,
    expirationMs: expirationMs === undefined ? undefined : Math.round(expirationMs),
    type,
    appId,
  };
  return Object.fromEntries(
    Object.entries(all).filter(([, value]) => value !== undefined),
  ) as PublishProperties;
}

/**
 * A kept message, published again as it came: same body, headers and properties, but a new message
 * id (the queue mock skips a message id it has kept already).
 */
export function republishRequest(message: QueueMessage): PublishRequest {
  return {
    body: message.body,
    bodyEncoding: message.bodyEncoding,
    headers: message.headers,
    properties: republishable(message),
  };
}

/** The publish form filled in from a kept message, to change it before publishing again. */
export function formFromMessage(message: QueueMessage): PublishFormValue {
  const empty = emptyPublishForm();
  const props = republishable(message);
  const text = { ...empty.text };
  for (const key of TEXT_PROPERTIES) text[key] = key === 'messageId' ? '' : (props[key] ?? '');
  return {
    encoding: message.bodyEncoding,
    body: bodyToText(message.body, message.bodyEncoding),
    headers: [...toHeaderRows(message.headers), emptyHeaderRow()],
    text,
    numbers: { priority: props.priority ?? '', expirationMs: props.expirationMs ?? '' },
    persistent: props.persistent ?? true,
  };
}

export type BuiltRequest = { ok: true; request: PublishRequest } | { ok: false; bodyError: string };

/** The API request for the form, or why the body cannot be sent as it is. */
export function toPublishRequest(value: PublishFormValue): BuiltRequest {
  const parsed = parseBody(value.body, value.encoding);
  if (!parsed.ok) return { ok: false, bodyError: parsed.error };
  const properties: PublishProperties = { persistent: value.persistent };
  for (const key of TEXT_PROPERTIES)
    if (value.text[key].trim() !== '') properties[key] = value.text[key].trim();
  for (const key of NUMBER_PROPERTIES) if (value.numbers[key] !== '') properties[key] = value.numbers[key];
  return {
    ok: true,
    request: {
      body: parsed.body,
      bodyEncoding: value.encoding,
      headers: toHeaders(value.headers),
      properties,
    },
  };
}
