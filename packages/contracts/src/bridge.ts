import { Type, type Static } from 'typebox';
import { BrokerName, Owner } from './broker.js';

// Bridges (DESIGN §4, issue 7): read everything from an IN queue, map each message (identity, a JSON
// template or a sandboxed Python `mapper(body, headers)`), publish the result to OUT, at least once.

const strict = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time' });
const QueueName = Type.String({
  minLength: 1,
  maxLength: 255,
  description: 'RabbitMQ queue, NATS subject, MQTT topic or Redis stream key',
});

export const BridgeId = Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' });

export const BridgeIn = Type.Object(
  {
    broker: BrokerName,
    queue: QueueName,
    create: Type.Optional(Type.Boolean({ default: false, description: 'Create the queue if it is missing' })),
  },
  strict,
);
export type BridgeIn = Static<typeof BridgeIn>;

export const BridgeOut = Type.Object(
  {
    broker: BrokerName,
    queue: Type.Optional(QueueName),
    exchange: Type.Optional(
      Type.String({ maxLength: 255, description: 'RabbitMQ: publish through this exchange instead' }),
    ),
    routingKey: Type.Optional(
      Type.String({ maxLength: 255, description: 'With an exchange: the routing key (default empty)' }),
    ),
    create: Type.Optional(
      Type.Boolean({ default: false, description: 'Declare the OUT queue when the bridge starts' }),
    ),
  },
  { ...strict, description: 'Either a queue, or (RabbitMQ) an exchange with a routing key' },
);
export type BridgeOut = Static<typeof BridgeOut>;

export const IdentityMapper = Type.Object(
  { kind: Type.Literal('identity') },
  {
    ...strict,
    description: 'OUT gets the IN message as it is: body, headers and properties',
  },
);

export const TemplateMapper = Type.Object(
  {
    kind: Type.Literal('template'),
    template: Type.Unknown({
      description:
        'The OUT body as JSON. A string that is exactly "{{ body.a.b }}" takes that value (any type); ' +
        '"{{ … }}" inside longer text is replaced by the value as text. Paths start at body or headers.',
    }),
    headers: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'OUT headers, templated like strings of the body; default: the IN headers',
      }),
    ),
  },
  strict,
);

export const PythonMapper = Type.Object(
  {
    kind: Type.Literal('python'),
    code: Type.String({
      minLength: 1,
      maxLength: 100_000,
      description: 'Python source defining mapper(body, headers)',
    }),
    timeoutMs: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 30_000, description: 'Wall-clock limit per call (default 2000)' }),
    ),
  },
  strict,
);

export const BridgeMapper = Type.Union([IdentityMapper, TemplateMapper, PythonMapper], {
  description: 'kind: identity, template or python',
});
export type BridgeMapper = Static<typeof BridgeMapper>;

export const BridgeRetry = Type.Object(
  {
    attempts: Type.Integer({
      minimum: 1,
      maximum: 20,
      description: 'Mapper calls per message before it is a dead letter',
    }),
    backoffMs: Type.Integer({
      minimum: 0,
      maximum: 60_000,
      description: 'Wait before the 2nd call; doubles after',
    }),
  },
  strict,
);
export type BridgeRetry = Static<typeof BridgeRetry>;

const Concurrency = Type.Integer({
  minimum: 1,
  maximum: 64,
  description: 'Messages mapped at once; 1 (the default) keeps their order',
});

export const BridgeCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    in: BridgeIn,
    out: BridgeOut,
    mapper: BridgeMapper,
    concurrency: Type.Optional(Concurrency),
    enabled: Type.Optional(Type.Boolean({ default: true })),
    retry: Type.Optional(BridgeRetry),
  },
  strict,
);
export type BridgeCreate = Static<typeof BridgeCreate>;

/** Any field; `enabled: false` pauses (the batch in hand finishes, nothing is lost), `true` resumes. */
export const BridgePatch = Type.Object(
  {
    name: Type.Optional(BridgeCreate.properties.name),
    in: Type.Optional(BridgeIn),
    out: Type.Optional(BridgeOut),
    mapper: Type.Optional(BridgeMapper),
    concurrency: Type.Optional(Concurrency),
    enabled: Type.Optional(Type.Boolean()),
    retry: Type.Optional(BridgeRetry),
  },
  { ...strict, minProperties: 1 },
);
export type BridgePatch = Static<typeof BridgePatch>;

export const BridgeStats = Type.Object({
  in: Type.Integer({ description: 'IN messages handled and acked' }),
  out: Type.Integer({ description: 'OUT messages published and confirmed' }),
  dropped: Type.Integer({ description: 'IN messages the mapper dropped (returned None or [])' }),
  dead: Type.Integer({ description: 'IN messages that became dead letters' }),
  deadLetters: Type.Integer({ description: 'Dead letters kept now' }),
  inFlight: Type.Integer({ description: 'IN messages read but not yet acked (this server)' }),
});
export type BridgeStats = Static<typeof BridgeStats>;

export const BridgeState = Type.Union(
  [Type.Literal('starting'), Type.Literal('running'), Type.Literal('paused'), Type.Literal('waiting')],
  { description: 'waiting: for IN, OUT, the mapper runtime or the database; `message` says why' },
);

export const BridgeStatus = Type.Object({
  state: BridgeState,
  waitingFor: Type.Optional(
    Type.Union([Type.Literal('in'), Type.Literal('out'), Type.Literal('mapper'), Type.Literal('store')]),
  ),
  message: Type.String({ description: 'For people: "running", "waiting for OUT: NO_ROUTE …"' }),
  since: DateTime,
});
export type BridgeStatus = Static<typeof BridgeStatus>;

export const Bridge = Type.Object({
  id: Type.String(),
  name: Type.String(),
  in: Type.Required(BridgeIn),
  out: BridgeOut,
  mapper: BridgeMapper,
  concurrency: Type.Integer(),
  enabled: Type.Boolean(),
  retry: BridgeRetry,
  owner: Owner,
  status: BridgeStatus,
  stats: BridgeStats,
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Bridge = Static<typeof Bridge>;

export const BridgeList = Type.Object({ items: Type.Array(Bridge) });
export type BridgeList = Static<typeof BridgeList>;

export const BridgeParams = Type.Object({ id: BridgeId });
export type BridgeParams = Static<typeof BridgeParams>;
