import type { Headers, MessageProperties } from '../ports/broker-client.js';
import type { HandlerPayload, MapperOutput } from '../ports/handler-runner.js';
import { decodeBody } from '../queues/message-body.js';
import { MAX_FAN_OUT } from './bridge-defaults.js';

/** An IN message as every mapper kind sees it. */
export interface MapperInput {
  bytes: Uint8Array;
  headers: Headers;
  properties: MessageProperties;
}

/** One message for OUT; its message id is added when it is published. */
export interface OutMessage {
  body: Uint8Array;
  headers: Headers;
  properties: MessageProperties;
}

export interface MapperError {
  /** A HandlerFailureKind (exception, bad-return, timeout, …) or `out-refused`. */
  kind: string;
  message: string;
  traceback: string | null;
}

const utf8 = new TextEncoder();
const CONTENT_TYPES: Record<HandlerPayload['type'], string> = {
  json: 'application/json',
  text: 'text/plain',
  bytes: 'application/octet-stream',
};

/** The body a mapper receives: parsed JSON, else the text, else base64 of the bytes (DESIGN §4). */
export function mapperBody(bytes: Uint8Array): unknown {
  return decodeBody(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), Infinity).value;
}

/** Python mappers get lower-case header names and text values, like HTTP handlers. */
export function mapperHeaders(headers: Headers): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    flat[name.toLowerCase()] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return flat;
}

export function jsonBytes(value: unknown): Uint8Array {
  return utf8.encode(JSON.stringify(value) ?? 'null');
}

function payloadBytes(payload: HandlerPayload): Uint8Array {
  if (payload.type === 'json') return jsonBytes(payload.value);
  if (payload.type === 'text') return utf8.encode(payload.value);
  return Buffer.from(payload.base64, 'base64');
}

/** Properties every computed message inherits from its IN message; the rest describe the new body. */
function inherited(input: MapperInput, contentType: string): MessageProperties {
  const { correlationId, replyTo } = input.properties;
  return {
    contentType,
    persistent: true,
    ...(correlationId && { correlationId }),
    ...(replyTo && { replyTo }),
  };
}

/** Identity: the IN message as it came, properties included (its message id is set on publish). */
export function identityOutput(input: MapperInput): OutMessage[] {
  const { messageId: _replaced, ...properties } = input.properties;
  return [{ body: input.bytes, headers: input.headers, properties }];
}

/** A JSON body computed from IN (template mapper); headers null keeps IN's. */
export function computedOutput(input: MapperInput, body: unknown, headers: Headers | null): OutMessage[] {
  return [
    {
      body: jsonBytes(body),
      headers: headers ?? input.headers,
      properties: inherited(input, CONTENT_TYPES.json),
    },
  ];
}

/**
 * Python's answer as OUT messages: None → none, a list → one per item, `(body, headers)` → headers.
 * A `content-type` header becomes the message's content type property, where AMQP keeps it.
 */
export function pythonOutput(input: MapperInput, output: MapperOutput): OutMessage[] | MapperError {
  if (output.messages.length > MAX_FAN_OUT) {
    const message = `the mapper returned ${output.messages.length} messages; at most ${MAX_FAN_OUT} per IN message`;
    return { kind: 'bad-return', message, traceback: null };
  }
  return output.messages.map(({ body, headers }) => {
    const { 'content-type': contentType, ...rest } = headers;
    return {
      body: payloadBytes(body),
      headers: rest,
      properties: inherited(input, contentType ?? CONTENT_TYPES[body.type]),
    };
  });
}
