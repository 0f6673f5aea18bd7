import { Type, type Static } from 'typebox';
import { NearMiss, RequestPredicate } from './stub.js';

/** A body as recorded: text when it is valid UTF-8, else base64; cut at the service's cap. */
export const CapturedBody = Type.Object({
  text: Type.Optional(Type.String()),
  base64: Type.Optional(Type.String()),
  size: Type.Integer({ description: 'Full size in bytes' }),
  truncated: Type.Boolean(),
});
export type CapturedBody = Static<typeof CapturedBody>;

export const JournalKind = Type.Union(
  [Type.Literal('stub'), Type.Literal('unmatched'), Type.Literal('proxy'), Type.Literal('error')],
  { description: 'stub: a stub answered; unmatched: 404 with near misses; proxy: the upstream answered' },
);
export type JournalKind = Static<typeof JournalKind>;

export const HandlerTrace = Type.Object({
  stdout: Type.String(),
  stderr: Type.String(),
  traceback: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Number(),
});
export type HandlerTrace = Static<typeof HandlerTrace>;

export const JournalEntry = Type.Object({
  id: Type.String(),
  service: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }),
  method: Type.String(),
  path: Type.String(),
  query: Type.Record(Type.String(), Type.Array(Type.String())),
  headers: Type.Record(Type.String(), Type.String()),
  body: Type.Union([CapturedBody, Type.Null()]),
  kind: JournalKind,
  status: Type.Integer(),
  stubId: Type.Union([Type.String(), Type.Null()]),
  stubName: Type.Union([Type.String(), Type.Null()]),
  latencyMs: Type.Number(),
  nearMisses: Type.Array(NearMiss),
  response: Type.Object({
    headers: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])),
    body: Type.Union([CapturedBody, Type.Null()]),
  }),
  handler: Type.Optional(Type.Union([HandlerTrace, Type.Null()])),
  error: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type JournalEntry = Static<typeof JournalEntry>;

export const JournalPage = Type.Object({
  items: Type.Array(JournalEntry),
  next: Type.Union([Type.String(), Type.Null()], {
    description: 'Cursor of the next page; null on the last',
  }),
});
export type JournalPage = Static<typeof JournalPage>;

export const JournalQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(
      Type.String({ pattern: '^[0-9]+$', description: 'The `next` of the previous page' }),
    ),
    method: Type.Optional(Type.String({ maxLength: 32 })),
    path: Type.Optional(Type.String({ maxLength: 500, description: 'Entries whose path contains this' })),
    status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
    matched: Type.Optional(Type.Boolean({ description: 'true: answered by a stub; false: no stub matched' })),
    since: Type.Optional(Type.String({ format: 'date-time' })),
    until: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type JournalQuery = Static<typeof JournalQuery>;

export const JournalCountRequest = Type.Object(
  {
    request: RequestPredicate,
    since: Type.Optional(Type.String({ format: 'date-time', description: 'Count only calls from then on' })),
  },
  { additionalProperties: false },
);
export type JournalCountRequest = Static<typeof JournalCountRequest>;

export const JournalCount = Type.Object({ count: Type.Integer() });
export type JournalCount = Static<typeof JournalCount>;

export const JournalSummary = Type.Object({
  count: Type.Integer({ description: 'Calls kept in the journal (retention drops the oldest)' }),
  lastReceivedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the newest kept call arrived; null when there is none',
  }),
});
export type JournalSummary = Static<typeof JournalSummary>;
