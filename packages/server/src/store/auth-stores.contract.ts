import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '../core/ports/index.js';
import type { Stores } from './stores.js';

function user(username: string, at = 1_000): UserRecord {
  return { id: randomUUID(), username, passwordHash: 'h', role: 'member', disabled: false, createdAt: at };
}

/** One behaviour for every backend of the auth stores (STYLE rule 6). */
export function describeAuthStoresContract(backend: string, open: () => Promise<Stores>) {
  describe(`auth stores on ${backend}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await open();
    });
    afterAll(async () => {
      await stores?.close();
    });

    it('makes the first user admin and later ones members', async () => {
      const first = await stores.users.create(user('first'));
      const second = await stores.users.create(user('second'));
      expect(first).toMatchObject({ username: 'first', role: 'admin' });
      expect(second).toMatchObject({ username: 'second', role: 'member' });
    });

    it('refuses a username taken in another case', async () => {
      expect(await stores.users.create(user('Dup'))).not.toBe('taken');
      expect(await stores.users.create(user('dUP'))).toBe('taken');
    });

    it('finds users by id and case-insensitive name, and lists them oldest first', async () => {
      const created = (await stores.users.create(user('Finder', 2_000))) as UserRecord;
      expect(await stores.users.findById(created.id)).toEqual(created);
      expect(await stores.users.findByUsername('FINDER')).toEqual(created);
      expect(await stores.users.findByUsername('nobody')).toBeUndefined();
      const names = (await stores.users.list()).map((u) => u.username);
      expect(names.indexOf('first')).toBeLessThan(names.indexOf('Finder'));
    });

    it('updates role and disabled, and counts enabled admins', async () => {
      const created = (await stores.users.create(user('promoted'))) as UserRecord;
      const before = await stores.users.countAdmins();
      const updated = await stores.users.update(created.id, { role: 'admin', disabled: true });
      expect(updated).toMatchObject({ role: 'admin', disabled: true });
      expect(await stores.users.countAdmins()).toBe(before);
      await stores.users.update(created.id, { disabled: false });
      expect(await stores.users.countAdmins()).toBe(before + 1);
      expect(await stores.users.update(randomUUID(), { role: 'admin' })).toBeUndefined();
    });

    it('keeps live sessions, forgets expired ones, and cascades on user delete', async () => {
      const owner = (await stores.users.create(user('sessioned'))) as UserRecord;
      await stores.sessions.create({ idHash: 'live', userId: owner.id, createdAt: 1, expiresAt: 5_000 });
      await stores.sessions.create({ idHash: 'old', userId: owner.id, createdAt: 1, expiresAt: 10 });
      expect(await stores.sessions.findLive('live', 100)).toMatchObject({
        userId: owner.id,
        expiresAt: 5_000,
      });
      expect(await stores.sessions.findLive('old', 100)).toBeUndefined();
      expect(await stores.sessions.deleteExpired(100)).toBeGreaterThanOrEqual(1);
      expect(await stores.users.delete(owner.id)).toBe(true);
      expect(await stores.sessions.findLive('live', 100)).toBeUndefined();
    });

    it('stores tokens by hash, lists them per user, touches and revokes them', async () => {
      const owner = (await stores.users.create(user('tokened'))) as UserRecord;
      const token = {
        id: randomUUID(),
        userId: owner.id,
        name: 'ci',
        tokenHash: randomUUID(),
        createdAt: 7,
        lastUsedAt: null,
      };
      await stores.tokens.create(token);
      expect(await stores.tokens.findByHash(token.tokenHash)).toEqual(token);
      await stores.tokens.touch(token.id, 99);
      expect(await stores.tokens.listForUser(owner.id)).toEqual([{ ...token, lastUsedAt: 99 }]);
      expect(await stores.tokens.delete('someone-else', token.id)).toBe(false);
      expect(await stores.tokens.delete(owner.id, token.id)).toBe(true);
      expect(await stores.tokens.findByHash(token.tokenHash)).toBeUndefined();
    });
  });
}
