import { Type, type Static } from 'typebox';
import { BrokerKind, BrokerName, LiveStatus, Owner } from './broker.js';

// Queue mocks (DESIGN §4, issue 6): a queue on a broker whose every message Understudy keeps, shows
// live, can publish into, and can answer (auto-reply to request/reply traffic).

const strict = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time' });

export const QueueMockId = Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' });

export const QueueBinding = Type.Object(
  {
    exchange: Type.String({ minLength: 1, maxLength: 255, description: 'An existing exchange' }),
    routingKey: Type.String({ maxLength: 255, description: 'Binding key; topic patterns allowed (#, *)' }),
  },
  strict,
);
export type QueueBinding = Static<typeof QueueBinding>;

export const QueueOptions = Type.Object(
  {
    durable: Type.Optional(
      Type.Boolean({ description: 'RabbitMQ: survives a broker restart (default true)' }),
    ),
    queueType: Type.Optional(
      Type.Union([Type.Literal('classic'), Type.Literal('quorum')], { description: 'RabbitMQ only' }),
    ),
    bindings: Type.Optional(
      Type.Array(QueueBinding, {
        maxItems: 50,
        description: 'RabbitMQ: bind the queue to exchanges, to tap traffic published there',
      }),
    ),
    prefetch: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 65_535,
        description: "Unacked messages at most (the broker's default)",
      }),
    ),
  },
  strict,
);
export type QueueOptions = Static<typeof QueueOptions>;

export const QueueRetention = Type.Object(
  {
    maxMessages: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'Keep the newest N (default 10000)' }),
    ),
    maxAgeHours: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 24 * 365, description: 'Forget older messages (default 168)' }),
    ),
  },
  strict,
);
export type QueueRetention = Static<typeof QueueRetention>;

export const BodyEncoding = Type.Union([Type.Literal('json'), Type.Literal('text'), Type.Literal('base64')], {
  description: 'json: body is the parsed JSON value; text: a UTF-8 string; base64: the bytes, base64',
});
export type BodyEncoding = Static<typeof BodyEncoding>;

const MessageHeaders = Type.Record(Type.String(), Type.Unknown(), {
  description: 'Header name → JSON value (AMQP tables become objects, byte arrays base64)',
});

/** Replies to each message carrying `replyTo` with this constant message, on the same correlation id. */
export const StaticAutoReply = Type.Object(
  {
    kind: Type.Literal('static'),
    body: Type.Unknown({ description: 'The reply body, read as `bodyEncoding` says' }),
    bodyEncoding: Type.Optional(BodyEncoding),
    headers: Type.Optional(MessageHeaders),
    contentType: Type.Optional(Type.String({ maxLength: 255 })),
  },
  strict,
);
export type StaticAutoReply = Static<typeof StaticAutoReply>;

/**
 * Replies with what `handler(body, headers[, request])` returns, run in the Python sandbox like an HTTP
 * handler stub. A plain value is the reply body; `(status, body[, headers])` also works: headers become
 * AMQP headers (`content-type` the content type property), and a status other than 200 is sent as the
 * header `x-status` (AMQP messages have no status). A failing handler sends nothing; its error is kept.
 */
export const PythonAutoReply = Type.Object(
  {
    kind: Type.Literal('python'),
    code: Type.String({
      minLength: 1,
      maxLength: 100_000,
      description:
        'Python source defining handler(body, headers) or handler(body, headers, request); `request` ' +
        'describes the message: queue, routingKey, exchange, redelivered, properties',
    }),
    timeoutMs: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 30_000,
        description: 'Wall-clock limit for one call (default 2000)',
      }),
    ),
  },
  strict,
);
export type PythonAutoReply = Static<typeof PythonAutoReply>;

export const AutoReply = Type.Union([StaticAutoReply, PythonAutoReply], {
  description: 'kind: static (a constant reply) or python (computed by a handler)',
});
export type AutoReply = Static<typeof AutoReply>;

export const QueueMockCreate = Type.Object(
  {
    broker: BrokerName,
    queue: Type.String({
      minLength: 1,
      maxLength: 255,
      description: 'RabbitMQ queue, NATS subject, MQTT topic filter or Redis stream key',
    }),
    create: Type.Optional(
      Type.Boolean({ default: true, description: 'Create it if missing; false only uses an existing one' }),
    ),
    options: Type.Optional(QueueOptions),
    retention: Type.Optional(QueueRetention),
    autoReply: Type.Optional(Type.Union([AutoReply, Type.Null()])),
  },
  strict,
);
export type QueueMockCreate = Static<typeof QueueMockCreate>;

/** What may change without re-declaring the queue. */
export const QueueMockPatch = Type.Object(
  {
    retention: Type.Optional(QueueRetention),
    autoReply: Type.Optional(Type.Union([AutoReply, Type.Null()], { description: 'null turns it off' })),
  },
  { ...strict, minProperties: 1 },
);
export type QueueMockPatch = Static<typeof QueueMockPatch>;

export const QueueMock = Type.Object({
  id: Type.String(),
  broker: Type.String(),
  brokerKind: BrokerKind,
  queue: Type.String(),
  create: Type.Boolean(),
  options: QueueOptions,
  retention: Type.Required(QueueRetention),
  autoReply: Type.Union([AutoReply, Type.Null()]),
  owner: Owner,
  status: LiveStatus,
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type QueueMock = Static<typeof QueueMock>;

export const QueueMockList = Type.Object({ items: Type.Array(QueueMock) });
export type QueueMockList = Static<typeof QueueMockList>;

export const QueueMockParams = Type.Object({ id: QueueMockId });
export type QueueMockParams = Static<typeof QueueMockParams>;

export const QueueMockDeleteQuery = Type.Object(
  {
    deleteQueue: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Also delete the queue (and what it holds) on the broker',
      }),
    ),
  },
  strict,
);
export type QueueMockDeleteQuery = Static<typeof QueueMockDeleteQuery>;

export * from './queue-message.js';
