import { Type, type Static } from 'typebox';

// Messages of a queue mock as kept, read, streamed and published (issue 6).

const strict = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time' });

const Encoding = Type.Union([Type.Literal('json'), Type.Literal('text'), Type.Literal('base64')], {
  description: 'json: body is the parsed JSON value; text: a UTF-8 string; base64: the bytes, base64',
});
const Headers = Type.Record(Type.String(), Type.Unknown());

/** AMQP-named properties; other broker kinds fill in what they carry. */
export const MessageProperties = Type.Object({
  contentType: Type.Optional(Type.String()),
  contentEncoding: Type.Optional(Type.String()),
  messageId: Type.Optional(Type.String()),
  correlationId: Type.Optional(Type.String()),
  replyTo: Type.Optional(Type.String()),
  persistent: Type.Optional(Type.Boolean()),
  priority: Type.Optional(Type.Integer()),
  expirationMs: Type.Optional(Type.Number()),
  timestamp: Type.Optional(DateTime),
  type: Type.Optional(Type.String()),
  userId: Type.Optional(Type.String()),
  appId: Type.Optional(Type.String()),
});
export type MessageProperties = Static<typeof MessageProperties>;

/** The auto-reply sent for a message, kept beside it. */
export const MessageReply = Type.Object({
  replyTo: Type.String(),
  correlationId: Type.Union([Type.String(), Type.Null()]),
  messageId: Type.Union([Type.String(), Type.Null()], { description: 'Of the reply, once confirmed' }),
  body: Type.Unknown(),
  bodyEncoding: Encoding,
  headers: Headers,
  sentAt: DateTime,
  error: Type.Union([Type.String(), Type.Null()], {
    description: 'Why the reply could not be sent, or why its Python handler failed (then nothing was sent)',
  }),
  handler: Type.Optional(
    Type.Object(
      {
        stdout: Type.String(),
        stderr: Type.String(),
        traceback: Type.Union([Type.String(), Type.Null()]),
        durationMs: Type.Number(),
      },
      { description: 'Python auto-replies: what the handler printed, its traceback, how long it ran' },
    ),
  ),
});
export type MessageReply = Static<typeof MessageReply>;

export const QueueMessage = Type.Object({
  id: Type.String(),
  body: Type.Unknown({ description: 'As `bodyEncoding` says' }),
  bodyEncoding: Encoding,
  size: Type.Integer({ description: 'Bytes as delivered' }),
  truncated: Type.Boolean({ description: 'Cut at the server body limit (--queue-body-limit-mb)' }),
  headers: Headers,
  properties: MessageProperties,
  routingKey: Type.String({ description: 'RabbitMQ routing key, NATS subject, MQTT topic, Redis stream' }),
  exchange: Type.Union([Type.String(), Type.Null()], {
    description: 'RabbitMQ: the exchange it came through',
  }),
  redelivered: Type.Boolean(),
  receivedAt: DateTime,
  brokerMessageId: Type.Union([Type.String(), Type.Null()], { description: 'Duplicates of it are skipped' }),
  reply: Type.Union([MessageReply, Type.Null()]),
});
export type QueueMessage = Static<typeof QueueMessage>;

export const QueueMessagePage = Type.Object({
  items: Type.Array(QueueMessage),
  next: Type.Union([Type.String(), Type.Null()], {
    description: 'Cursor of the next page; null on the last',
  }),
});
export type QueueMessagePage = Static<typeof QueueMessagePage>;

export const QueueMessageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,18}$', description: 'The `next` of the previous page' }),
    ),
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: 'Text in the body (case-insensitive)' }),
    ),
    header: Type.Optional(
      Type.Array(Type.String({ pattern: '^[^:]+:', maxLength: 500 }), {
        maxItems: 10,
        description: 'name:value, exact; repeat for several (all must match)',
      }),
    ),
    since: Type.Optional(DateTime),
    until: Type.Optional(DateTime),
  },
  strict,
);
export type QueueMessageQuery = Static<typeof QueueMessageQuery>;

export const QueueStats = Type.Object({
  total: Type.Integer({ description: 'Messages kept now' }),
  perMinute: Type.Array(Type.Object({ minute: DateTime, count: Type.Integer() }), {
    description: 'The last 60 minutes, oldest first, minutes without messages included',
  }),
});
export type QueueStats = Static<typeof QueueStats>;

export const PublishProperties = Type.Object(
  {
    contentType: Type.Optional(Type.String({ maxLength: 255 })),
    contentEncoding: Type.Optional(Type.String({ maxLength: 255 })),
    messageId: Type.Optional(Type.String({ maxLength: 255, description: 'Default: a new UUID' })),
    correlationId: Type.Optional(Type.String({ maxLength: 255 })),
    replyTo: Type.Optional(Type.String({ maxLength: 255 })),
    persistent: Type.Optional(Type.Boolean({ description: 'Default true' })),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 255 })),
    expirationMs: Type.Optional(Type.Integer({ minimum: 0 })),
    type: Type.Optional(Type.String({ maxLength: 255 })),
    appId: Type.Optional(Type.String({ maxLength: 255 })),
  },
  strict,
);
export type PublishProperties = Static<typeof PublishProperties>;

export const PublishRequest = Type.Object(
  {
    body: Type.Unknown({
      description: 'Without bodyEncoding: a string is sent as text, anything else as JSON (application/json)',
    }),
    bodyEncoding: Type.Optional(Encoding),
    headers: Type.Optional(Headers),
    properties: Type.Optional(PublishProperties),
  },
  strict,
);
export type PublishRequest = Static<typeof PublishRequest>;

export const PublishResult = Type.Object({
  messageId: Type.Union([Type.String(), Type.Null()], { description: 'The id the message went out with' }),
});
export type PublishResult = Static<typeof PublishResult>;
