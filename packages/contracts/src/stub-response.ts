import { Type, type Static } from 'typebox';

// The response half of a stub (DESIGN §4): a constant answer, a Python handler, or the real upstream.

const strict = { additionalProperties: false } as const;

/** Longest delay a stub may ask for: long enough for timeout tests, short enough not to pin sockets. */
export const MAX_DELAY_MS = 300_000;

const DelayMs = Type.Integer({ minimum: 0, maximum: MAX_DELAY_MS });

/** Wait before answering: a fixed number of milliseconds, or a uniformly random one within bounds. */
export const ResponseDelay = Type.Union(
  [
    DelayMs,
    Type.Object(
      {
        min: Type.Integer({ minimum: 0, maximum: MAX_DELAY_MS, description: 'Shortest delay, ms' }),
        max: Type.Integer({ minimum: 0, maximum: MAX_DELAY_MS, description: 'Longest delay, ms (>= min)' }),
      },
      strict,
    ),
  ],
  { description: 'Milliseconds to wait before answering, or { min, max } for a random delay' },
);
export type ResponseDelay = Static<typeof ResponseDelay>;

/** A broken answer, for testing how clients cope. */
export const ResponseFault = Type.Union([Type.Literal('connection-reset'), Type.Literal('empty-response')], {
  description: 'connection-reset: drop the connection; empty-response: close it without sending anything',
});
export type ResponseFault = Static<typeof ResponseFault>;

// Node refuses header values with control characters at send time, so they are refused at save time.
const HeaderValue = Type.String({ pattern: '^[\\t\\x20-\\x7e\\x80-\\xff]*$' });

/** A constant answer. Body: `body` (JSON), `text` or `base64` (binary) — at most one of them. */
export const StaticResponse = Type.Object(
  {
    kind: Type.Literal('static'),
    status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599, description: 'Default 200' })),
    headers: Type.Optional(
      Type.Record(Type.String(), Type.Union([HeaderValue, Type.Array(HeaderValue)]), {
        description: 'Header name → value (a list sends the header several times, e.g. set-cookie)',
      }),
    ),
    body: Type.Optional(
      Type.Unknown({ description: 'JSON body; content-type defaults to application/json' }),
    ),
    text: Type.Optional(Type.String({ description: 'Text body; content-type defaults to text/plain' })),
    base64: Type.Optional(
      Type.String({
        pattern: '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$',
        description: 'Binary body, base64; content-type defaults to application/octet-stream',
      }),
    ),
    delayMs: Type.Optional(ResponseDelay),
    fault: Type.Optional(ResponseFault),
  },
  {
    ...strict,
    not: {
      anyOf: [
        { required: ['body', 'text'] },
        { required: ['body', 'base64'] },
        { required: ['text', 'base64'] },
      ],
    },
    description: 'A constant response',
  },
);
export type StaticResponse = Static<typeof StaticResponse>;

/** The answer is computed by `def handler(body, headers)` in the Python sandbox (DESIGN §4, §6). */
export const PythonResponse = Type.Object(
  {
    kind: Type.Literal('python'),
    code: Type.String({
      minLength: 1,
      maxLength: 100_000,
      description: 'Python source defining handler(body, headers) (optionally a third parameter, request)',
    }),
    timeoutMs: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 30_000, description: 'Wall-clock limit for one call' }),
    ),
  },
  { ...strict, description: 'A response computed by a sandboxed Python handler' },
);
export type PythonResponse = Static<typeof PythonResponse>;

/** The request is forwarded to the real service. */
export const ProxyResponse = Type.Object(
  {
    kind: Type.Literal('proxy'),
    upstream: Type.Optional(
      Type.String({
        pattern: '^https?://[^\\s]+$',
        description: "Base URL to forward to; default: the service's upstream",
      }),
    ),
    pathRewrite: Type.Optional(
      Type.Object(
        {
          from: Type.String({ pattern: '^/', description: 'Path prefix to replace' }),
          to: Type.String({ pattern: '^/', description: 'What replaces it' }),
        },
        strict,
      ),
    ),
  },
  { ...strict, description: 'Forward the request to the upstream' },
);
export type ProxyResponse = Static<typeof ProxyResponse>;

/** How a stub answers. */
export const StubResponse = Type.Union([StaticResponse, PythonResponse, ProxyResponse], {
  description: 'kind: static, python or proxy',
});
export type StubResponse = Static<typeof StubResponse>;
