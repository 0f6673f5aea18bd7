import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.js';
import { AdminClient } from '../../testing/admin-client.js';
import { testConfig } from '../../testing/test-config.js';

let app: App;
beforeEach(async () => {
  app = await buildApp(testConfig());
});
afterEach(async () => app.close());

describe('registration and sign-in', () => {
  it('makes the first user admin, signs them in, and the next user a member', async () => {
    const ada = new AdminClient(app.main);
    expect(await ada.register('ada')).toMatchObject({ username: 'ada', role: 'admin' });
    expect((await ada.get('/internal/auth/me')).json().user.username).toBe('ada');
    const bob = new AdminClient(app.main);
    expect(await bob.register('bob')).toMatchObject({ role: 'member' });
  });

  it('sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const res = await app.main.inject({
      method: 'POST',
      url: '/internal/auth/register',
      payload: { username: 'ada', password: 'correct horse battery' },
    });
    const cookie = res.cookies.find((c) => c.name === 'understudy_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('answers the same for an unknown user and a wrong password', async () => {
    await new AdminClient(app.main).register('ada');
    const client = new AdminClient(app.main);
    const unknown = await client.post('/internal/auth/login', { username: 'nobody', password: 'whatever1' });
    const wrong = await client.post('/internal/auth/login', { username: 'ada', password: 'whatever1' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses a taken username in any case with 409', async () => {
    await new AdminClient(app.main).register('ada');
    const res = await new AdminClient(app.main).post('/internal/auth/register', {
      username: 'ADA',
      password: 'correct horse battery',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'USERNAME_TAKEN', details: [{ path: '/body/username' }] });
  });

  it('signs out: the old cookie no longer works', async () => {
    const ada = new AdminClient(app.main);
    await ada.register('ada');
    const cookie = ada.cookie;
    expect((await ada.post('/internal/auth/logout')).statusCode).toBe(204);
    ada.cookie = cookie;
    expect((await ada.get('/internal/auth/me')).statusCode).toBe(401);
  });

  it('rejects anonymous calls to every non-public endpoint with 401', async () => {
    const anonymous = new AdminClient(app.main);
    for (const [method, url] of [
      ['GET', '/internal/auth/me'],
      ['GET', '/internal/tokens'],
      ['POST', '/internal/tokens'],
      ['GET', '/internal/users'],
      ['DELETE', '/internal/users/x'],
    ] as const) {
      const res = await anonymous.request(method, url, method === 'GET' ? undefined : { name: 'x' });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('closed registration', () => {
  it('lets the first user in, then only admins create accounts', async () => {
    await app.close();
    app = await buildApp(testConfig({ registration: 'closed' }));
    const admin = new AdminClient(app.main);
    expect((await admin.get('/internal/auth/options')).json()).toEqual({ registration: 'open' });
    await admin.register('root');
    expect((await new AdminClient(app.main).get('/internal/auth/options')).json()).toEqual({
      registration: 'closed',
    });
    const stranger = await new AdminClient(app.main).post('/internal/auth/register', {
      username: 'eve',
      password: 'correct horse battery',
    });
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().error.code).toBe('REGISTRATION_CLOSED');
    const byAdmin = await admin.post('/internal/auth/register', {
      username: 'bob',
      password: 'correct horse battery',
    });
    expect(byAdmin.statusCode).toBe(201);
    expect((await admin.get('/internal/auth/me')).json().user.username).toBe('root');
  });
});

describe('cross-site request forgery', () => {
  it('refuses a cookie-signed state change from another origin or without JSON', async () => {
    const ada = new AdminClient(app.main);
    await ada.register('ada');
    const headers = { host: 'understudy.test', cookie: ada.cookie ?? '' };
    const foreign = await app.main.inject({
      method: 'POST',
      url: '/internal/tokens',
      headers: { ...headers, origin: 'http://evil.test' },
      payload: { name: 'x' },
    });
    expect(foreign.statusCode).toBe(403);
    const form = await app.main.inject({
      method: 'POST',
      url: '/internal/tokens',
      headers: {
        ...headers,
        origin: 'http://understudy.test',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'name=x',
    });
    expect(form.statusCode).toBe(403);
    expect(form.json().error.code).toBe('FORBIDDEN');
  });
});

describe('login rate limit', () => {
  it('answers 429 with the error envelope after too many attempts', async () => {
    await app.close();
    app = await buildApp(testConfig({ loginRateLimit: { max: 3, windowMs: 60_000 } }));
    const client = new AdminClient(app.main);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await client.post('/internal/auth/login', { username: 'x', password: 'y' })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    const res = await client.post('/internal/auth/login', { username: 'x', password: 'y' });
    expect(res.json().error.code).toBe('RATE_LIMITED');
    expect(res.headers['retry-after']).toBeDefined();
  });
});
