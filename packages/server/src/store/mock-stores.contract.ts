import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalRecord, ServiceRecord, StubRecord } from '../core/ports/index.js';
import type { Stores } from './stores.js';

function service(name: string, ownerId: string): ServiceRecord {
  return {
    name,
    description: 'd',
    mode: 'mock',
    upstream: null,
    claims: { pathPrefix: `/${name}` },
    journal: { maxEntries: 100, maxAgeHours: 24, bodyCapBytes: 1024 },
    ownerId,
    createdAt: 1,
    updatedAt: 1,
    modeChangedAt: 1,
    modeChangedBy: 'ada',
  };
}

function stub(serviceName: string, at: number): StubRecord {
  const doc = { request: { path: '/x', body: { equalsJson: { a: [1, 'ü'] } } }, response: { status: 200 } };
  return {
    id: randomUUID(),
    service: serviceName,
    doc,
    createdAt: at,
    updatedAt: at,
    createdBy: 'u',
    updatedBy: 'u',
  };
}

function call(serviceName: string, at: number, status = 200, stubId: string | null = 's'): JournalRecord {
  return {
    service: serviceName,
    receivedAt: at,
    method: 'GET',
    path: `/p/${at}`,
    status,
    stubId,
    entry: { headers: { a: 'b' }, n: at },
  };
}

/** Services, stubs and journal behave the same on every backend (STYLE rule 6). */
export function describeMockStoresContract(backend: string, open: () => Promise<Stores>) {
  describe(`mock stores on ${backend}`, () => {
    let stores: Stores;
    let ownerId: string;
    beforeAll(async () => {
      stores = await open();
      ownerId = randomUUID();
      await stores.users.create({
        id: ownerId,
        username: `o-${ownerId}`,
        passwordHash: 'h',
        role: 'member',
        disabled: false,
        createdAt: 1,
      });
    });
    afterAll(async () => stores?.close());

    it('creates, reads, updates and lists services, refusing a taken name', async () => {
      const created = service('payments', ownerId);
      expect(await stores.services.create(created)).toEqual(created);
      expect(await stores.services.create(service('payments', ownerId))).toBe('taken');
      expect(await stores.services.get('payments')).toEqual(created);
      const switched: ServiceRecord = {
        ...created,
        mode: 'proxy',
        upstream: 'http://x',
        updatedAt: 5,
        modeHistory: [{ at: 5, by: 'bob', mode: 'proxy', upstream: 'http://x' }],
      };
      expect(await stores.services.update(switched)).toEqual(switched);
      expect(await stores.services.get('payments')).toEqual(switched);
      expect((await stores.services.list()).map((s) => s.name)).toContain('payments');
    });

    it('keeps stub documents as raw JSON, oldest first, and counts them', async () => {
      await stores.services.create(service('stubbed', ownerId));
      const first = stub('stubbed', 10);
      const second = stub('stubbed', 20);
      await stores.stubs.create(second);
      await stores.stubs.create(first);
      expect(await stores.stubs.listForService('stubbed')).toEqual([first, second]);
      expect(await stores.stubs.get('stubbed', first.id)).toEqual(first);
      expect(await stores.stubs.update({ ...first, doc: { changed: true }, updatedAt: 30 })).toBe(true);
      expect((await stores.stubs.get('stubbed', first.id))?.doc).toEqual({ changed: true });
      expect((await stores.stubs.countByService()).get('stubbed')).toBe(2);
      expect(await stores.stubs.delete('stubbed', second.id)).toBe(true);
      expect(await stores.stubs.delete('other', first.id)).toBe(false);
    });

    it('appends journal batches and pages them newest first with filters', async () => {
      await stores.services.create(service('journaled', ownerId));
      await stores.journal.append(
        [1, 2, 3, 4, 5].map((at) => call('journaled', at, at === 3 ? 404 : 200, at === 3 ? null : 's')),
      );
      const page = await stores.journal.list('journaled', {}, 2);
      expect(page.map((r) => r.receivedAt)).toEqual([5, 4]);
      const next = await stores.journal.list('journaled', {}, 10, page[1]?.id);
      expect(next.map((r) => r.receivedAt)).toEqual([3, 2, 1]);
      expect((await stores.journal.list('journaled', { matched: false }, 10)).map((r) => r.status)).toEqual([
        404,
      ]);
      expect(await stores.journal.list('journaled', { pathContains: '/P/4' }, 10)).toHaveLength(1);
      expect(await stores.journal.list('journaled', { pathContains: '%' }, 10)).toHaveLength(0);
      expect(
        (await stores.journal.list('journaled', { since: 2, until: 4 }, 10)).map((r) => r.receivedAt),
      ).toEqual([3, 2]);
      const one = await stores.journal.get('journaled', page[0]?.id ?? 0);
      expect(one?.entry).toEqual({ headers: { a: 'b' }, n: 5 });
    });

    it('sums up a journal: how many entries, and when the newest arrived', async () => {
      await stores.services.create(service('summed', ownerId));
      expect(await stores.journal.summary('summed')).toEqual({ count: 0, lastReceivedAt: null });
      await stores.journal.append([7, 3, 9, 5].map((at) => call('summed', at)));
      await stores.journal.append([call('other-service', 100)]);
      // The newest is the last appended, whatever its clock said.
      expect(await stores.journal.summary('summed')).toEqual({ count: 4, lastReceivedAt: 5 });
    });

    it('prunes by count and age, and clears', async () => {
      await stores.services.create(service('pruned', ownerId));
      await stores.journal.append([1, 2, 3, 4, 5, 6].map((at) => call('pruned', at)));
      const step = { service: 'pruned', maxEntries: 100, olderThan: 0, limit: 100 };
      expect(await stores.journal.prune({ ...step, maxEntries: 4 })).toBe(2);
      expect(await stores.journal.prune({ ...step, olderThan: 4 })).toBe(1);
      expect(await stores.journal.prune({ ...step, maxEntries: 3, olderThan: 4 })).toBe(0);
      expect((await stores.journal.list('pruned', {}, 10)).map((r) => r.receivedAt)).toEqual([6, 5, 4]);
      expect(await stores.journal.clear('pruned')).toBe(3);
    });

    it('prunes in steps of at most `limit` rows, oldest first, touching no other service', async () => {
      await stores.services.create(service('stepped', ownerId));
      await stores.journal.append([1, 2, 3, 4, 5, 6, 7, 8].map((at) => call('stepped', at)));
      await stores.journal.append([call('bystander', 1)]);
      const step = { service: 'stepped', maxEntries: 2, olderThan: 0, limit: 4 };
      expect(await stores.journal.prune(step)).toBe(4);
      expect((await stores.journal.list('stepped', {}, 10)).map((r) => r.receivedAt)).toEqual([8, 7, 6, 5]);
      expect(await stores.journal.prune(step)).toBe(2);
      expect(await stores.journal.prune(step)).toBe(0);
      expect((await stores.journal.list('stepped', {}, 10)).map((r) => r.receivedAt)).toEqual([8, 7]);
      expect(await stores.journal.summary('bystander')).toMatchObject({ count: 1 });
    });

    it('prunes by age in bounded steps, in id order', async () => {
      await stores.services.create(service('aged', ownerId));
      await stores.journal.append([1, 2, 3, 4, 5, 6].map((at) => call('aged', at)));
      const step = { service: 'aged', maxEntries: 100, olderThan: 5, limit: 3 };
      expect(await stores.journal.prune(step)).toBe(3);
      expect(await stores.journal.prune(step)).toBe(1);
      expect((await stores.journal.list('aged', {}, 10)).map((r) => r.receivedAt)).toEqual([6, 5]);
    });

    it('runs prune steps in the transaction of an append, after its rows', async () => {
      await stores.services.create(service('appended', ownerId));
      await stores.journal.append([1, 2, 3].map((at) => call('appended', at)));
      const keepThree = { service: 'appended', maxEntries: 3, olderThan: 0, limit: 10 };
      const steps = [keepThree, { service: 'idle', maxEntries: 0, olderThan: 0, limit: 10 }];
      const { ids, pruned } = await stores.journal.append(
        [4, 5].map((at) => call('appended', at)),
        steps,
      );
      expect(ids).toHaveLength(2);
      expect(pruned).toEqual([2, 0]);
      expect((await stores.journal.list('appended', {}, 10)).map((r) => r.receivedAt)).toEqual([5, 4, 3]);
      expect(await stores.journal.append([], [{ ...keepThree, maxEntries: 1 }])).toEqual({
        ids: [],
        pruned: [2],
      });
    });

    it('deletes a service with its stubs and journal', async () => {
      await stores.services.create(service('doomed', ownerId));
      await stores.stubs.create(stub('doomed', 1));
      await stores.journal.append([call('doomed', 1)]);
      expect(await stores.services.delete('doomed')).toBe(true);
      expect(await stores.stubs.listForService('doomed')).toEqual([]);
      expect(await stores.journal.list('doomed', {}, 10)).toEqual([]);
      expect(await stores.services.delete('doomed')).toBe(false);
    });
  });
}
