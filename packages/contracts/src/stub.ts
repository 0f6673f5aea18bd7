import { Type, type Static } from 'typebox';
import { RequestPredicate } from './stub-predicate.js';
import { StubResponse } from './stub-response.js';

export * from './stub-predicate.js';
export * from './stub-response.js';

const strict = { additionalProperties: false } as const;

const Name = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'What the stub is for, shown in lists',
});
const priority = {
  minimum: -1_000_000,
  maximum: 1_000_000,
  description: 'Higher wins when several stubs match; ties go to the most specific, then the newest',
};
const enabled = { description: 'A disabled stub is kept but never matches' };

/**
 * A stub as a client writes it (POST and PUT bodies). Unknown fields are refused, so a typo is a 400
 * rather than a silently ignored condition.
 */
export const StubInput = Type.Object(
  {
    name: Type.Optional(Name),
    priority: Type.Optional(Type.Integer({ ...priority, default: 0 })),
    enabled: Type.Optional(Type.Boolean({ ...enabled, default: true })),
    request: RequestPredicate,
    response: StubResponse,
  },
  { ...strict, description: 'A predicate on the request and the response to give when it holds' },
);
export type StubInput = Static<typeof StubInput>;

/** A stub as the server keeps and returns it. */
export const Stub = Type.Object(
  {
    id: Type.String(),
    service: Type.String({ description: 'Name of the service the stub belongs to' }),
    name: Type.Optional(Name),
    priority: Type.Integer(priority),
    enabled: Type.Boolean(enabled),
    request: RequestPredicate,
    response: StubResponse,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String({ description: 'Username of whoever created the stub' }),
    updatedBy: Type.String({ description: 'Username of whoever changed it last' }),
  },
  { description: 'A stored stub' },
);
export type Stub = Static<typeof Stub>;

/** Filters of the stub list: `?recorded=true&enabled=false` is the recordings still to review. */
export const StubListQuery = Type.Object(
  {
    recorded: Type.Optional(
      Type.Boolean({ description: 'true: only stubs recorded from the upstream; false: only the others' }),
    ),
    enabled: Type.Optional(
      Type.Boolean({ description: 'true: only enabled stubs; false: only disabled ones' }),
    ),
  },
  strict,
);
export type StubListQuery = Static<typeof StubListQuery>;

export const StubList = Type.Object({ items: Type.Array(Stub) });
export type StubList = Static<typeof StubList>;

export const StubBulkAction = Type.Union(
  [Type.Literal('enable'), Type.Literal('disable'), Type.Literal('delete')],
  {
    description: 'enable or disable the stubs, or delete them',
  },
);
export type StubBulkAction = Static<typeof StubBulkAction>;

/** One change applied to several stubs of a service at once, e.g. enabling every reviewed recording. */
export const StubBulkRequest = Type.Object(
  {
    action: StubBulkAction,
    ids: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      minItems: 1,
      maxItems: 1000,
      uniqueItems: true,
      description: 'Stubs of this service; if one does not exist, none is changed (404)',
    }),
  },
  strict,
);
export type StubBulkRequest = Static<typeof StubBulkRequest>;

export const StubBulkResult = Type.Object({
  action: StubBulkAction,
  ids: Type.Array(Type.String(), { description: 'The stubs the action changed (already so: left out)' }),
});
export type StubBulkResult = Static<typeof StubBulkResult>;

/** One way a request differed from a stub's predicate. */
export const MatchDiff = Type.Object(
  {
    field: Type.String({ description: 'What was compared, e.g. path, headers.x-tenant, body $.type' }),
    expected: Type.String({ description: 'The condition, e.g. equals "acme"' }),
    actual: Type.Union([Type.String(), Type.Null()], {
      description: 'What the request had (shortened), or null when it was absent',
    }),
  },
  strict,
);
export type MatchDiff = Static<typeof MatchDiff>;

/** A stub that almost matched an unmatched request, with what differed. */
export const NearMiss = Type.Object(
  {
    stubId: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
    distance: Type.Number({
      minimum: 0,
      maximum: 1,
      description: '0 would be a match, 1 nothing alike (weighted: path counts most, then method)',
    }),
    diffs: Type.Array(MatchDiff),
  },
  strict,
);
export type NearMiss = Static<typeof NearMiss>;
