import { Type, type Static, type TSchema } from 'typebox';

// Brokers (DESIGN §4): a registered message broker Understudy keeps one connection to. Passwords are
// write-only: they are encrypted at rest and never appear in an answer, nor do URL credentials.

const strict = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time' });

export const BrokerName = Type.String({
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z0-9][a-z0-9._-]*$',
  description: 'Unique: lower-case letters, digits, dot, underscore, dash',
});

export const BrokerKind = Type.Union(
  [Type.Literal('rabbitmq'), Type.Literal('nats'), Type.Literal('mqtt'), Type.Literal('redis')],
  { description: 'rabbitmq (AMQP 0-9-1), nats (JetStream), mqtt, redis (Streams)' },
);
export type BrokerKind = Static<typeof BrokerKind>;

// Each option on its own, so the patch can take the same schemas or null.
const OPTION_SCHEMAS = {
  prefetch: Type.Integer({
    minimum: 1,
    maximum: 65_535,
    description: 'Unacked messages per queue mock at most, unless the queue mock sets its own (default 500)',
  }),
  maxInFlight: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    description: 'Publishes awaiting the broker confirm at most; more wait (default 1000)',
  }),
  heartbeatSeconds: Type.Integer({ minimum: 0, maximum: 3600, description: 'Default 30' }),
  retryLowMs: Type.Integer({
    minimum: 10,
    maximum: 600_000,
    description: 'First reconnect after about this long',
  }),
  retryHighMs: Type.Integer({
    minimum: 10,
    maximum: 600_000,
    description: 'Longest wait between reconnects',
  }),
};

export const BrokerOptions = Type.Object(
  {
    prefetch: Type.Optional(OPTION_SCHEMAS.prefetch),
    maxInFlight: Type.Optional(OPTION_SCHEMAS.maxInFlight),
    heartbeatSeconds: Type.Optional(OPTION_SCHEMAS.heartbeatSeconds),
    retryLowMs: Type.Optional(OPTION_SCHEMAS.retryLowMs),
    retryHighMs: Type.Optional(OPTION_SCHEMAS.retryHighMs),
  },
  strict,
);
export type BrokerOptions = Static<typeof BrokerOptions>;

const orRemove = <T extends TSchema>(schema: T) =>
  Type.Optional(Type.Union([schema, Type.Null()], { description: 'null removes it: back to the default' }));

/** Options to change: a value sets one, null removes it, an absent key keeps what is stored. */
export const BrokerOptionsPatch = Type.Object(
  {
    prefetch: orRemove(OPTION_SCHEMAS.prefetch),
    maxInFlight: orRemove(OPTION_SCHEMAS.maxInFlight),
    heartbeatSeconds: orRemove(OPTION_SCHEMAS.heartbeatSeconds),
    retryLowMs: orRemove(OPTION_SCHEMAS.retryLowMs),
    retryHighMs: orRemove(OPTION_SCHEMAS.retryHighMs),
  },
  strict,
);
export type BrokerOptionsPatch = Static<typeof BrokerOptionsPatch>;

const Url = Type.String({
  minLength: 1,
  maxLength: 2048,
  description:
    'amqp(s)://host:port/vhost, nats://…, mqtt(s)://…, redis(s)://… Credentials in the URL are moved ' +
    'into username/password (and encrypted); the URL is stored and shown without them.',
});
const Username = Type.String({ maxLength: 255 });
const Password = Type.String({ maxLength: 1024, description: 'Write-only; encrypted at rest' });

export const BrokerCreate = Type.Object(
  {
    name: BrokerName,
    kind: BrokerKind,
    url: Url,
    username: Type.Optional(Username),
    password: Type.Optional(Password),
    options: Type.Optional(BrokerOptions),
  },
  strict,
);
export type BrokerCreate = Static<typeof BrokerCreate>;

/** Any change reconnects the broker: its queue mocks stop and resume on the new connection. */
export const BrokerPatch = Type.Object(
  {
    url: Type.Optional(Url),
    username: Type.Optional(Type.Union([Username, Type.Null()], { description: 'null removes it' })),
    password: Type.Optional(Type.Union([Password, Type.Null()], { description: 'null removes it' })),
    options: Type.Optional(BrokerOptionsPatch),
  },
  { ...strict, minProperties: 1 },
);
export type BrokerPatch = Static<typeof BrokerPatch>;

export const BrokerFault = Type.Object({
  code: Type.String({ description: 'The broker or socket code: ACCESS_REFUSED, ECONNREFUSED, NOT_FOUND, …' }),
  message: Type.String(),
  at: DateTime,
});
export type BrokerFault = Static<typeof BrokerFault>;

export const BrokerState = Type.Union(
  [
    Type.Literal('connecting'),
    Type.Literal('connected'),
    Type.Literal('reconnecting'),
    Type.Literal('failed'),
    Type.Literal('closed'),
  ],
  {
    description:
      'reconnecting: a transient fault, retried with backoff; failed: refused for a reason a human must ' +
      'fix (credentials, vhost, missing queue), still retried slowly',
  },
);
export type BrokerState = Static<typeof BrokerState>;

/** A live status: of a broker's connection, or of a queue mock's consumer. */
export const LiveStatus = Type.Object({
  state: BrokerState,
  since: Type.Optional(DateTime),
  lastError: Type.Optional(BrokerFault),
});
export type LiveStatus = Static<typeof LiveStatus>;

export const Owner = Type.Object({ id: Type.String(), username: Type.String() });

export const Broker = Type.Object({
  name: Type.String(),
  kind: BrokerKind,
  url: Type.String({ description: 'Without credentials' }),
  username: Type.Union([Type.String(), Type.Null()]),
  hasPassword: Type.Boolean({ description: 'Whether a password is stored (it is never shown)' }),
  options: BrokerOptions,
  owner: Owner,
  status: LiveStatus,
  connectionName: Type.String({ description: "How this server's connection is named on the broker" }),
  queueMocks: Type.Integer({ description: 'Queue mocks reading from this broker' }),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Broker = Static<typeof Broker>;

export const BrokerList = Type.Object({ items: Type.Array(Broker) });
export type BrokerList = Static<typeof BrokerList>;

export const BrokerParams = Type.Object({ name: BrokerName });
export type BrokerParams = Static<typeof BrokerParams>;
