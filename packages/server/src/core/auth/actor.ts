import { ForbiddenError } from '../errors.js';

/** Who is making a call: a signed-in user, by session cookie or API token. */
export interface Actor {
  readonly id: string;
  readonly username: string;
  readonly role: 'admin' | 'member';
}

export function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenError('Only an administrator may do this');
}

/** Everyone signed in may read; only the owner or an admin may change (DESIGN §6). */
export function assertCanChange(actor: Actor, ownerId: string, what: string): void {
  if (actor.role !== 'admin' && actor.id !== ownerId) {
    throw new ForbiddenError(`Only the owner of ${what} or an administrator may change it`);
  }
}
