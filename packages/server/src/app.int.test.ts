import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { AdminClient } from './testing/admin-client.js';
import { serviceAvailable } from './testing/services.js';
import { testConfig } from './testing/test-config.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from './testing/throwaway-postgres.js';
import { tempSqliteUrl } from './testing/temp-sqlite.js';

const postgresUp = await serviceAvailable('postgres');

async function restartKeepsSignIn(db: string) {
  const first = await buildApp(testConfig({ db }));
  const ada = new AdminClient(first.main);
  await ada.register('ada');
  const { token } = (await ada.post('/internal/tokens', { name: 'ci' })).json();
  await first.close();

  const second = await buildApp(testConfig({ db }));
  try {
    const again = new AdminClient(second.main);
    again.cookie = ada.cookie;
    expect((await again.get('/internal/auth/me')).json().user).toMatchObject({
      username: 'ada',
      role: 'admin',
    });
    const script = new AdminClient(second.main);
    script.bearer = token;
    expect((await script.get('/internal/auth/me')).statusCode).toBe(200);
    const login = await new AdminClient(second.main).post('/internal/auth/login', {
      username: 'ada',
      password: 'correct horse battery',
    });
    expect(login.statusCode).toBe(200);
  } finally {
    await second.close();
  }
}

describe('restarts', () => {
  it('keep users, sessions and tokens on SQLite', async () => {
    const temp = tempSqliteUrl();
    await restartKeepsSignIn(temp.url);
    temp.remove();
  });

  describe.skipIf(!postgresUp)('on PostgreSQL', () => {
    let throwaway: ThrowawayDatabase | undefined;
    afterAll(async () => throwaway?.drop());
    it('keep users, sessions and tokens', async () => {
      throwaway = await createThrowawayDatabase();
      await restartKeepsSignIn(throwaway.url);
    });
  });
});

describe('the surfaces of the main port', () => {
  it('describes every /internal endpoint in the OpenAPI document', async () => {
    const app = await buildApp(testConfig());
    const doc = (await app.main.inject('/internal/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const route of [
      '/internal/auth/login',
      '/internal/auth/me',
      '/internal/tokens',
      '/internal/users/{id}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(route);
    }
    expect(doc.paths['/internal/auth/register'].post.requestBody).toBeDefined();
    expect((await app.main.inject('/internal/docs/')).statusCode).toBe(200);
    await app.close();
  });

  it('redirects / to the web app and serves client routes with index.html', async () => {
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'web-'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>');
    const app = await buildApp(testConfig({ webRoot }));
    expect((await app.main.inject('/')).headers.location).toBe('/ui/');
    expect((await app.main.inject('/ui/')).body).toContain('id="root"');
    expect((await app.main.inject('/ui/services/payments')).body).toContain('id="root"');
    await app.close();
  });

  it('says how to build the web app when it is missing', async () => {
    const app = await buildApp(testConfig({ webRoot: '/nonexistent' }));
    const res = await app.main.inject('/ui/');
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
    await app.close();
  });
});

describe('listening', () => {
  it('picks free ports for 0 and answers on both', async () => {
    const app = await buildApp(testConfig());
    const { mainUrl, mockUrl } = await app.listen();
    expect(mainUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const options = await fetch(`${mainUrl}/internal/auth/options`);
    expect(await options.json()).toEqual({ registration: 'open' });
    const mock = await fetch(`${mockUrl}/anything`);
    expect(mock.status).toBe(404);
    expect(((await mock.json()) as { error: { code: string } }).error.code).toBe('NO_SERVICE');
    await app.close();
  });
});
