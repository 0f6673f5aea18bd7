import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '../core/auth/actor.js';
import { UnauthenticatedError } from '../core/errors.js';
import {
  InvalidCredentialsError,
  RegistrationClosedError,
  UsernameTakenError,
} from '../core/auth/auth-errors.js';
import type {
  Clock,
  PasswordHasher,
  SessionStore,
  TokenStore,
  UserRecord,
  UserStore,
} from '../core/ports/index.js';

export interface AuthServiceDeps {
  users: UserStore;
  sessions: SessionStore;
  tokens: TokenStore;
  hasher: PasswordHasher;
  clock: Clock;
  registration: 'open' | 'closed';
  sessionTtlMs: number;
}

export interface NewSession {
  /** The opaque value for the cookie; only its hash is stored. */
  secret: string;
  expiresAt: number;
}

const TOKEN_PREFIX = 'ust_';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function secret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function toActor(user: UserRecord): Actor {
  return { id: user.id, username: user.username, role: user.role };
}

/** Registration, sign-in, sessions and API tokens. */
export class AuthService {
  #dummyHash: Promise<string> | undefined;
  constructor(private readonly deps: AuthServiceDeps) {}

  /** Closed registration still lets the very first account in, and admins create accounts. */
  async registrationFor(actor: Actor | undefined): Promise<'open' | 'closed'> {
    if (this.deps.registration === 'open' || actor?.role === 'admin') return 'open';
    return (await this.deps.users.list()).length === 0 ? 'open' : 'closed';
  }

  async register(username: string, password: string, actor: Actor | undefined): Promise<UserRecord> {
    const { users, hasher, clock } = this.deps;
    if ((await this.registrationFor(actor)) === 'closed') throw new RegistrationClosedError();
    const passwordHash = await hasher.hash(password);
    const record = { id: randomUUID(), username, passwordHash, role: 'member' as const, disabled: false };
    const created = await users.create({ ...record, createdAt: clock.now() });
    if (created === 'taken') throw new UsernameTakenError(username);
    return created;
  }

  /** Checks the password; spends the same work for unknown users so timing does not tell them apart. */
  async login(username: string, password: string): Promise<UserRecord> {
    const user = await this.deps.users.findByUsername(username);
    const hash = user?.passwordHash ?? (await this.#dummy());
    const ok = await this.deps.hasher.verify(hash, password);
    if (!user || !ok || user.disabled) throw new InvalidCredentialsError();
    return user;
  }

  async userById(id: string): Promise<UserRecord> {
    const user = await this.#activeUser(id);
    if (!user) throw new UnauthenticatedError('Your account no longer exists or is disabled');
    return user;
  }

  async startSession(userId: string): Promise<NewSession> {
    const now = this.deps.clock.now();
    const value = secret();
    const expiresAt = now + this.deps.sessionTtlMs;
    await this.deps.sessions.create({ idHash: sha256(value), userId, createdAt: now, expiresAt });
    return { secret: value, expiresAt };
  }

  async endSession(sessionSecret: string): Promise<void> {
    await this.deps.sessions.delete(sha256(sessionSecret));
  }

  async userForSession(sessionSecret: string): Promise<UserRecord | undefined> {
    const session = await this.deps.sessions.findLive(sha256(sessionSecret), this.deps.clock.now());
    return session && this.#activeUser(session.userId);
  }

  async userForToken(token: string): Promise<UserRecord | undefined> {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const record = await this.deps.tokens.findByHash(sha256(token));
    if (!record) return undefined;
    await this.deps.tokens.touch(record.id, this.deps.clock.now());
    return this.#activeUser(record.userId);
  }

  async createToken(actor: Actor, name: string) {
    const token = TOKEN_PREFIX + secret();
    const record = {
      id: randomUUID(),
      userId: actor.id,
      name,
      tokenHash: sha256(token),
      createdAt: this.deps.clock.now(),
      lastUsedAt: null,
    };
    await this.deps.tokens.create(record);
    return { record, token };
  }

  listTokens(actor: Actor) {
    return this.deps.tokens.listForUser(actor.id);
  }

  revokeToken(actor: Actor, id: string): Promise<boolean> {
    return this.deps.tokens.delete(actor.id, id);
  }

  async #activeUser(id: string): Promise<UserRecord | undefined> {
    const user = await this.deps.users.findById(id);
    return user && !user.disabled ? user : undefined;
  }

  #dummy(): Promise<string> {
    this.#dummyHash ??= this.deps.hasher.hash(secret());
    return this.#dummyHash;
  }
}
