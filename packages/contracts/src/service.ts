import { Type, type Static } from 'typebox';

const strict = { additionalProperties: false } as const;

export const ServiceName = Type.String({
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z0-9][a-z0-9._-]*$',
  description: 'URL-safe and unique: lower-case letters, digits, dot, underscore, dash',
});

export const ServiceMode = Type.Union(
  [Type.Literal('mock'), Type.Literal('proxy'), Type.Literal('partial')],
  {
    description:
      'mock: stubs only; proxy: everything to the upstream; partial: stubs first, the rest upstream',
  },
);
export type ServiceMode = Static<typeof ServiceMode>;

export const Upstream = Type.Union(
  [Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 }), Type.Null()],
  {
    description: 'Base URL of the real service, e.g. https://payments.internal:8443/api',
  },
);

/** How the service is reached on the mock port, without the /proxy/{service} prefix. */
export const MockPortClaims = Type.Object(
  {
    hosts: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.-]+(:[0-9]+)?$' }), {
        maxItems: 20,
        description: 'Host header values (e.g. payments.local) that select this service',
      }),
    ),
    pathPrefix: Type.Optional(
      Type.String({
        pattern: "^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*[^/]$",
        maxLength: 200,
        description:
          'A path prefix (e.g. /payments) that selects this service; it is stripped before matching',
      }),
    ),
  },
  strict,
);
export type MockPortClaims = Static<typeof MockPortClaims>;

export const JournalSettings = Type.Object(
  {
    maxEntries: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 1_000_000,
        description: 'Keep at most this many (default 10000); up to 5% more between two retention steps',
      }),
    ),
    maxAgeHours: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 24 * 365,
        description: 'Forget entries older than this (default 168)',
      }),
    ),
    bodyCapBytes: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 1_048_576,
        description: 'Request/response body bytes kept per entry (default 65536)',
      }),
    ),
  },
  strict,
);
export type JournalSettings = Static<typeof JournalSettings>;

/** How the service forwards in proxy and partial mode (and for stubs with a proxy response). */
export const ProxySettings = Type.Object(
  {
    timeoutMs: Type.Optional(
      Type.Integer({
        minimum: 100,
        maximum: 600_000,
        description:
          'The upstream must start answering within this, and never pause longer mid-body (default 30000); ' +
          'slower is a 504 UPSTREAM_TIMEOUT',
      }),
    ),
    keepHost: Type.Optional(
      Type.Boolean({
        description: "Send the client's Host header upstream instead of the upstream's host (default false)",
      }),
    ),
    record: Type.Optional(
      Type.Boolean({
        description:
          'In proxy or partial mode, turn each distinct upstream exchange into a disabled stub ' +
          '(created by "recorder") to review and enable (default false)',
      }),
    ),
  },
  strict,
);
export type ProxySettings = Static<typeof ProxySettings>;

export const ServiceCreate = Type.Object(
  {
    name: ServiceName,
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    mode: Type.Optional(ServiceMode),
    upstream: Type.Optional(Upstream),
    claims: Type.Optional(MockPortClaims),
    journal: Type.Optional(JournalSettings),
    proxy: Type.Optional(ProxySettings),
  },
  strict,
);
export type ServiceCreate = Static<typeof ServiceCreate>;

export const ServicePatch = Type.Object(
  {
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    mode: Type.Optional(ServiceMode),
    upstream: Type.Optional(Upstream),
    claims: Type.Optional(MockPortClaims),
    journal: Type.Optional(JournalSettings),
    proxy: Type.Optional(ProxySettings),
  },
  { ...strict, minProperties: 1 },
);
export type ServicePatch = Static<typeof ServicePatch>;

/** One switch of a service's mode or upstream: who made it, when, and what it was set to. */
export const ModeChange = Type.Object({
  at: Type.String({ format: 'date-time' }),
  by: Type.String({ description: 'Username of whoever made the switch' }),
  mode: ServiceMode,
  upstream: Type.Union([Type.String(), Type.Null()]),
});
export type ModeChange = Static<typeof ModeChange>;

/** How many switches a service keeps; older ones are dropped. */
export const MODE_HISTORY_LIMIT = 50;

export const Service = Type.Object({
  name: Type.String(),
  description: Type.String(),
  mode: ServiceMode,
  upstream: Type.Union([Type.String(), Type.Null()]),
  claims: MockPortClaims,
  journal: Type.Required(JournalSettings),
  proxy: Type.Required(ProxySettings),
  owner: Type.Object({ id: Type.String(), username: Type.String() }),
  stubCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  modeChangedAt: Type.String({ format: 'date-time' }),
  modeChangedBy: Type.String({ description: 'Username of whoever last set the mode' }),
  modeHistory: Type.Array(ModeChange, {
    description: `Switches of mode or upstream, newest first (the last ${MODE_HISTORY_LIMIT})`,
  }),
  /** Where clients call this service through the main port. */
  url: Type.String(),
  mockPortUrl: Type.Union([Type.String(), Type.Null()], {
    description:
      'Base URL of the mock port, as the caller reaches this server; the service answers there under ' +
      'its claimed host names and path prefix. Null when the server does not know its mock port',
  }),
});
export type Service = Static<typeof Service>;

export const ServiceList = Type.Object({ items: Type.Array(Service) });
export type ServiceList = Static<typeof ServiceList>;

export const ServiceParams = Type.Object({ name: ServiceName });
export type ServiceParams = Static<typeof ServiceParams>;
