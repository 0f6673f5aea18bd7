import type { ApiToken, User } from '@understudy/contracts';
import type { TokenRecord, UserRecord } from '../../core/ports/index.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function presentUser(user: UserRecord): User {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    disabled: user.disabled,
    createdAt: iso(user.createdAt),
  };
}

export function presentToken(token: TokenRecord): ApiToken {
  return {
    id: token.id,
    name: token.name,
    createdAt: iso(token.createdAt),
    lastUsedAt: token.lastUsedAt === null ? null : iso(token.lastUsedAt),
  };
}
