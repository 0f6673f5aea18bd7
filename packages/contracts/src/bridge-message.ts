import { Type, type Static } from 'typebox';
import { BridgeId, BridgeMapper } from './bridge.js';

// What passes through a bridge: the Try panel, the last hops, and dead letters (issue 7).

const strict = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time' });
const Encoding = Type.Union([Type.Literal('json'), Type.Literal('text'), Type.Literal('base64')], {
  description: 'json: body is the parsed JSON value; text: a UTF-8 string; base64: the bytes, base64',
});
const Headers = Type.Record(Type.String(), Type.Unknown());

/** A message as shown: body as `bodyEncoding` says, headers as JSON values. */
export const BridgeMessage = Type.Object({
  body: Type.Unknown(),
  bodyEncoding: Encoding,
  headers: Headers,
  messageId: Type.Optional(Type.String({ description: 'The id it carries (OUT: derived from IN)' })),
  truncated: Type.Optional(Type.Boolean({ description: 'The body is cut for display' })),
});
export type BridgeMessage = Static<typeof BridgeMessage>;

export const MapperFailure = Type.Object({
  kind: Type.String({ description: 'exception, bad-return, timeout, output-limit, crashed, out-refused' }),
  message: Type.String(),
  traceback: Type.Union([Type.String(), Type.Null()]),
});
export type MapperFailure = Static<typeof MapperFailure>;

export const BridgeTryRequest = Type.Object(
  {
    mapper: BridgeMapper,
    message: Type.Object(
      {
        body: Type.Unknown({ description: 'Without bodyEncoding: a string is text, anything else JSON' }),
        bodyEncoding: Type.Optional(Encoding),
        headers: Type.Optional(Headers),
      },
      strict,
    ),
  },
  strict,
);
export type BridgeTryRequest = Static<typeof BridgeTryRequest>;

export const BridgeTryResult = Type.Object({
  ok: Type.Boolean(),
  messages: Type.Array(BridgeMessage, { description: 'What would go to OUT; empty when dropped' }),
  error: Type.Optional(MapperFailure),
  stdout: Type.String(),
  stderr: Type.String(),
  durationMs: Type.Number(),
});
export type BridgeTryResult = Static<typeof BridgeTryResult>;

export const BridgeHop = Type.Object({
  at: DateTime,
  messageId: Type.String(),
  input: BridgeMessage,
  outputs: Type.Array(BridgeMessage),
  outcome: Type.Union([Type.Literal('published'), Type.Literal('dropped'), Type.Literal('dead-letter')]),
  error: Type.Optional(MapperFailure),
});
export type BridgeHop = Static<typeof BridgeHop>;

export const BridgeHopList = Type.Object({ items: Type.Array(BridgeHop, { description: 'Newest first' }) });
export type BridgeHopList = Static<typeof BridgeHopList>;

export const BridgeHopQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) },
  strict,
);
export type BridgeHopQuery = Static<typeof BridgeHopQuery>;

export const DeadLetter = Type.Object({
  id: Type.String(),
  bridgeId: Type.String(),
  messageId: Type.String({ description: 'Of the IN message; a replay publishes with ids derived from it' }),
  body: Type.Unknown(),
  bodyEncoding: Encoding,
  headers: Headers,
  routingKey: Type.String(),
  error: MapperFailure,
  attempts: Type.Integer({ description: 'Mapper calls so far, replays included' }),
  receivedAt: DateTime,
  failedAt: DateTime,
  editedAt: Type.Union([DateTime, Type.Null()]),
});
export type DeadLetter = Static<typeof DeadLetter>;

export const DeadLetterPage = Type.Object({
  items: Type.Array(DeadLetter),
  next: Type.Union([Type.String(), Type.Null()], {
    description: 'Cursor of the next page; null on the last',
  }),
});
export type DeadLetterPage = Static<typeof DeadLetterPage>;

export const DeadLetterQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,18}$', description: 'The `next` of the previous page' }),
    ),
  },
  strict,
);
export type DeadLetterQuery = Static<typeof DeadLetterQuery>;

export const DeadLetterParams = Type.Object({
  id: BridgeId,
  dlId: Type.String({ pattern: '^[0-9]{1,18}$' }),
});
export type DeadLetterParams = Static<typeof DeadLetterParams>;

/** Edit before replay: the body (read as `bodyEncoding` says) and/or the headers. */
export const DeadLetterPatch = Type.Object(
  {
    body: Type.Optional(Type.Unknown()),
    bodyEncoding: Type.Optional(Encoding),
    headers: Type.Optional(Headers),
  },
  { ...strict, minProperties: 1 },
);
export type DeadLetterPatch = Static<typeof DeadLetterPatch>;

export const ReplayResult = Type.Object({
  ok: Type.Boolean({ description: 'Published (or dropped by the mapper) and removed' }),
  published: Type.Integer(),
  error: Type.Optional(MapperFailure),
});
export type ReplayResult = Static<typeof ReplayResult>;

export const ReplayAllResult = Type.Object({
  replayed: Type.Integer({ description: 'Dead letters published (or dropped) and removed' }),
  failed: Type.Integer({ description: 'Dead letters the mapper failed on again; they stay' }),
  remaining: Type.Integer(),
});
export type ReplayAllResult = Static<typeof ReplayAllResult>;
