import { Type, type Static, type TObject, type TProperties } from 'typebox';

// The predicate half of a stub (DESIGN §4). Every matcher is an object holding exactly one operator,
// so a stub reads like a sentence: { "headers": { "x-tenant": { "equals": "acme" } } }.

const strict = { additionalProperties: false } as const;

const caseInsensitive = Type.Optional(
  Type.Boolean({ description: 'Compare ignoring letter case (default false)' }),
);

const Contains = Type.Object(
  { contains: Type.String({ description: 'The value contains this text' }), caseInsensitive },
  strict,
);
const StartsWith = Type.Object(
  { startsWith: Type.String({ description: 'The value starts with this text' }), caseInsensitive },
  strict,
);
const EndsWith = Type.Object(
  { endsWith: Type.String({ description: 'The value ends with this text' }), caseInsensitive },
  strict,
);
const Regex = Type.Object(
  {
    regex: Type.String({
      description: 'The value matches this JavaScript regular expression (unanchored: add ^ and $ yourself)',
    }),
    caseInsensitive,
  },
  strict,
);
const Exists = Type.Object(
  { exists: Type.Boolean({ description: 'true: the value is present; false: it is absent' }) },
  strict,
);
const Gt = Type.Object(
  { gt: Type.Number({ description: 'The value, read as a number, is > this' }) },
  strict,
);
const Gte = Type.Object(
  { gte: Type.Number({ description: 'The value, read as a number, is >= this' }) },
  strict,
);
const Lt = Type.Object(
  { lt: Type.Number({ description: 'The value, read as a number, is < this' }) },
  strict,
);
const Lte = Type.Object(
  { lte: Type.Number({ description: 'The value, read as a number, is <= this' }) },
  strict,
);

const EqualsText = Type.Object(
  { equals: Type.String({ description: 'The whole value equals this text' }), caseInsensitive },
  strict,
);
const EqualsValue = Type.Object(
  {
    equals: Type.Unknown({ description: 'The value deep-equals this JSON value' }),
    caseInsensitive,
  },
  strict,
);

/** A condition on one text value (a header, a query parameter, a cookie, a form field, the body as text). */
export const TextMatcher = Type.Union(
  [EqualsText, Contains, StartsWith, EndsWith, Regex, Exists, Gt, Gte, Lt, Lte],
  { description: 'Exactly one operator, plus caseInsensitive for the text operators' },
);
export type TextMatcher = Static<typeof TextMatcher>;

/** A condition on a JSON value selected by a JSONPath: like TextMatcher, but `equals` takes any JSON. */
export const ValueMatcher = Type.Union(
  [EqualsValue, Contains, StartsWith, EndsWith, Regex, Exists, Gt, Gte, Lt, Lte],
  { description: 'Exactly one operator; text operators see numbers and booleans as their text' },
);
export type ValueMatcher = Static<typeof ValueMatcher>;

const JsonPathExpression = Type.String({
  description: 'JSONPath into the JSON body, starting at $ (e.g. $.items[0].sku); matches if any result does',
});

function withJsonPath<Properties extends TProperties>(matcher: TObject<Properties>) {
  return Type.Object({ jsonPath: JsonPathExpression, ...matcher.properties }, strict);
}

function fieldMatchers(description: string) {
  return Type.Record(Type.String(), TextMatcher, { description });
}

/** Which methods the stub answers; absent means any method. */
export const MethodMatcher = Type.Union(
  [
    Type.String({ pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$", maxLength: 32 }),
    Type.Array(Type.String({ pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$", maxLength: 32 }), { minItems: 1 }),
  ],
  { description: 'An HTTP method such as "POST", or a list of them; compared case-insensitively' },
);
export type MethodMatcher = Static<typeof MethodMatcher>;

/** The URL path (without the query string): a plain string is an exact path. */
export const PathMatcher = Type.Union(
  [
    Type.String({ pattern: '^/', description: 'Exact path, e.g. /orders' }),
    Type.Object(
      {
        template: Type.String({
          pattern: '^/',
          description: 'Path with {name} parameters, e.g. /orders/{id}; a parameter spans one segment',
        }),
      },
      strict,
    ),
    TextMatcher,
  ],
  { description: 'An exact path, a {template}, or any text operator (e.g. { "regex": "^/orders/\\\\d+$" })' },
);
export type PathMatcher = Static<typeof PathMatcher>;

/** A condition on the request body: as JSON, as text, or as form fields. */
export const BodyPredicate = Type.Union(
  [
    Type.Object(
      { equalsJson: Type.Unknown({ description: 'The body is JSON equal to this (key order ignored)' }) },
      strict,
    ),
    Type.Object(
      {
        matchesJson: Type.Unknown({
          description: 'The body is JSON containing this: objects may have more keys, arrays more elements',
        }),
      },
      strict,
    ),
    withJsonPath(EqualsValue),
    withJsonPath(Contains),
    withJsonPath(StartsWith),
    withJsonPath(EndsWith),
    withJsonPath(Regex),
    withJsonPath(Exists),
    withJsonPath(Gt),
    withJsonPath(Gte),
    withJsonPath(Lt),
    withJsonPath(Lte),
    Type.Object(
      {
        form: Type.Record(Type.String(), TextMatcher, {
          description: 'Fields of an application/x-www-form-urlencoded body',
        }),
      },
      strict,
    ),
    ...TextMatcher.anyOf,
  ],
  {
    description:
      'equalsJson, matchesJson, { jsonPath, <operator> }, { form: {...} }, or a text operator on the raw body. ' +
      'JSON conditions never match a body that is not JSON.',
  },
);
export type BodyPredicate = Static<typeof BodyPredicate>;

/**
 * What a request must look like for a stub to answer it. All listed parts must hold; `allOf`, `anyOf`
 * and `not` nest further predicates of the same shape.
 */
export const RequestPredicate = Type.Cyclic(
  {
    RequestPredicate: Type.Object(
      {
        method: Type.Optional(MethodMatcher),
        path: Type.Optional(PathMatcher),
        query: Type.Optional(
          fieldMatchers('Query parameter name → condition; repeated parameters match if any does'),
        ),
        headers: Type.Optional(fieldMatchers('Header name (any case) → condition')),
        cookies: Type.Optional(fieldMatchers('Cookie name → condition')),
        body: Type.Optional(BodyPredicate),
        allOf: Type.Optional(
          Type.Array(Type.Ref('RequestPredicate'), { minItems: 1, description: 'Every one holds' }),
        ),
        anyOf: Type.Optional(
          Type.Array(Type.Ref('RequestPredicate'), { minItems: 1, description: 'At least one holds' }),
        ),
        not: Type.Optional(Type.Ref('RequestPredicate', { description: 'This one does not hold' })),
      },
      { ...strict, description: 'Conditions on the request; an empty object matches every request' },
    ),
  },
  'RequestPredicate',
);
export type RequestPredicate = Static<typeof RequestPredicate>;
