import { assertAdmin, type Actor } from '../core/auth/actor.js';
import { LastAdminError } from '../core/auth/auth-errors.js';
import { NotFoundError } from '../core/errors.js';
import type { Role, SessionStore, UserRecord, UserStore } from '../core/ports/index.js';

/** Administration of accounts; every call is admin-only and keeps at least one active admin. */
export class UserService {
  constructor(
    private readonly users: UserStore,
    private readonly sessions: SessionStore,
  ) {}

  list(actor: Actor): Promise<UserRecord[]> {
    assertAdmin(actor);
    return this.users.list();
  }

  async update(actor: Actor, id: string, patch: { role?: Role; disabled?: boolean }): Promise<UserRecord> {
    assertAdmin(actor);
    const user = await this.#get(id);
    const losesAdmin = user.role === 'admin' && !user.disabled && (patch.role === 'member' || patch.disabled);
    if (losesAdmin && (await this.users.countAdmins()) <= 1) throw new LastAdminError();
    const updated = await this.users.update(id, patch);
    if (!updated) throw this.#notFound(id);
    // A disabled account is signed out everywhere at once.
    if (patch.disabled) await this.sessions.deleteForUser(id);
    return updated;
  }

  async delete(actor: Actor, id: string): Promise<void> {
    assertAdmin(actor);
    const user = await this.#get(id);
    if (user.role === 'admin' && !user.disabled && (await this.users.countAdmins()) <= 1) {
      throw new LastAdminError();
    }
    await this.users.delete(id);
  }

  async #get(id: string): Promise<UserRecord> {
    const user = await this.users.findById(id);
    if (!user) throw this.#notFound(id);
    return user;
  }

  #notFound(id: string) {
    return new NotFoundError(`No user with id "${id}"`);
  }
}
