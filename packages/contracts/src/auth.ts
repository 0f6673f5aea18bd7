import { Type, type Static } from 'typebox';

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('member')]);
export type Role = Static<typeof Role>;

export const Username = Type.String({
  minLength: 2,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
  description: 'Letters, digits, dot, underscore and dash; starts with a letter or digit',
});

export const Password = Type.String({ minLength: 8, maxLength: 256 });

export const Credentials = Type.Object(
  { username: Username, password: Password },
  { additionalProperties: false },
);
export type Credentials = Static<typeof Credentials>;

/** Login takes any non-empty strings: its answer must not reveal which rule a wrong name breaks. */
export const LoginRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 256 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: Role,
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type User = Static<typeof User>;

export const UserResponse = Type.Object({ user: User });
export type UserResponse = Static<typeof UserResponse>;

export const UserList = Type.Object({ items: Type.Array(User) });
export type UserList = Static<typeof UserList>;

export const UserPatch = Type.Object(
  { role: Type.Optional(Role), disabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export type UserPatch = Static<typeof UserPatch>;

export const TokenCreate = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export type TokenCreate = Static<typeof TokenCreate>;

export const ApiToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ApiToken = Static<typeof ApiToken>;

/** The token itself is in this answer only: it is stored hashed and never shown again. */
export const ApiTokenCreated = Type.Object({ ...ApiToken.properties, token: Type.String() });
export type ApiTokenCreated = Static<typeof ApiTokenCreated>;

export const ApiTokenList = Type.Object({ items: Type.Array(ApiToken) });
export type ApiTokenList = Static<typeof ApiTokenList>;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
export type IdParams = Static<typeof IdParams>;

/** What the sign-in screen needs: `open` whenever this caller may register (always for the first user). */
export const AuthOptions = Type.Object({
  registration: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
});
export type AuthOptions = Static<typeof AuthOptions>;
