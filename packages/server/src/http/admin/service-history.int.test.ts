import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.js';
import { AdminClient } from '../../testing/admin-client.js';
import { tempSqliteUrl } from '../../testing/temp-sqlite.js';
import { testConfig } from '../../testing/test-config.js';

// Issue 5: "Who switched what, and when, is kept and shown."

let app: App | undefined;
const databases: ReturnType<typeof tempSqliteUrl>[] = [];

function freshDb(): string {
  const db = tempSqliteUrl();
  databases.push(db);
  return db.url;
}

/** An app on `db` (a fresh database unless given), and a client of it that is not signed in yet. */
async function start(db = freshDb()): Promise<AdminClient> {
  app = await buildApp(testConfig({ db, proxyAllow: ['127.0.0.1'] }));
  return new AdminClient(app.main);
}
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(() => databases.forEach((db) => db.remove()));

type Change = { at: string; by: string; mode: string; upstream: string | null };
const historyOf = async (client: AdminClient, name: string) =>
  (await client.get(`/internal/services/${name}`)).json().modeHistory as Change[];

describe('the switch history of a service', () => {
  it('keeps who switched the mode or upstream, to what and when, newest first, across a restart', async () => {
    const db = freshDb();
    const ada = await start(db);
    await ada.register('ada'); // the first user: an admin, who may switch anyone's service
    const bob = new AdminClient(app!.main);
    await bob.register('bob');
    await bob.post('/internal/services', { name: 'pay' });
    await ada.patch('/internal/services/pay', { mode: 'proxy', upstream: 'http://127.0.0.1:9/a' });
    await ada.patch('/internal/services/pay', { description: 'not a switch' });
    await ada.patch('/internal/services/pay', { upstream: 'http://127.0.0.1:9/b' });
    await ada.patch('/internal/services/pay', { mode: 'mock' });

    const history = await historyOf(ada, 'pay');
    expect(history.map(({ by, mode, upstream }) => ({ by, mode, upstream }))).toEqual([
      { by: 'ada', mode: 'mock', upstream: 'http://127.0.0.1:9/b' },
      { by: 'ada', mode: 'proxy', upstream: 'http://127.0.0.1:9/b' },
      { by: 'ada', mode: 'proxy', upstream: 'http://127.0.0.1:9/a' },
      { by: 'bob', mode: 'mock', upstream: null },
    ]);
    const times = history.map((change) => Date.parse(change.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const service = (await ada.get('/internal/services/pay')).json();
    expect(service.modeChangedAt).toBe(history[0]?.at);

    await app!.close();
    const again = await start(db);
    await again.post('/internal/auth/login', { username: 'ada', password: 'correct horse battery' });
    expect(await historyOf(again, 'pay')).toEqual(history);
  });

  it('keeps the last 50 switches', async () => {
    const ada = await start();
    await ada.register('ada');
    await ada.post('/internal/services', { name: 'flip' });
    for (let i = 0; i < 30; i++) {
      await ada.patch('/internal/services/flip', { mode: 'proxy', upstream: `http://127.0.0.1:9/${i}` });
      await ada.patch('/internal/services/flip', { mode: 'mock' });
    }
    const history = await historyOf(ada, 'flip');
    expect(history).toHaveLength(50);
    expect(history[0]).toMatchObject({ mode: 'mock', upstream: 'http://127.0.0.1:9/29' });
    // 61 switches in all (the creation, then 60): the 11 oldest are gone.
    expect(history[49]).toMatchObject({ mode: 'proxy', upstream: 'http://127.0.0.1:9/5' });
  });

  it('lists the history with every service, starting with its creation', async () => {
    const ada = await start();
    await ada.register('ada');
    await ada.post('/internal/services', { name: 'one', mode: 'mock' });
    const [listed] = (await ada.get('/internal/services')).json().items;
    expect(listed).toMatchObject({ name: 'one', modeHistory: [{ by: 'ada', mode: 'mock', upstream: null }] });
  });
});
