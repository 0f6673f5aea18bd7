import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.js';
import { AdminClient } from '../../testing/admin-client.js';
import { testConfig } from '../../testing/test-config.js';

let app: App;
let admin: AdminClient;
beforeEach(async () => {
  app = await buildApp(testConfig());
  admin = new AdminClient(app.main);
  await admin.register('root');
});
afterEach(async () => app.close());

describe('API tokens', () => {
  it('creates a token shown once, which then authenticates a script without a cookie', async () => {
    const created = await admin.post('/internal/tokens', { name: 'ci' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^ust_/);

    const script = new AdminClient(app.main);
    script.bearer = token;
    expect((await script.get('/internal/auth/me')).json().user.username).toBe('root');

    const listed = (await admin.get('/internal/tokens')).json().items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id, name: 'ci' });
    expect(listed[0].token).toBeUndefined();
    expect(listed[0].lastUsedAt).not.toBeNull();
  });

  it('a revoked token stops working at once', async () => {
    const { token, id } = (await admin.post('/internal/tokens', { name: 'ci' })).json();
    expect((await admin.delete(`/internal/tokens/${id}`)).statusCode).toBe(204);
    const script = new AdminClient(app.main);
    script.bearer = token;
    const res = await script.get('/internal/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/unknown or revoked/);
  });

  it('a token needs no Origin for state changes (scripts have none)', async () => {
    const { token } = (await admin.post('/internal/tokens', { name: 'ci' })).json();
    const res = await app.main.inject({
      method: 'POST',
      url: '/internal/tokens',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'second' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('one user cannot revoke another user’s token', async () => {
    const { id } = (await admin.post('/internal/tokens', { name: 'ci' })).json();
    const bob = new AdminClient(app.main);
    await bob.register('bob');
    expect((await bob.delete(`/internal/tokens/${id}`)).statusCode).toBe(404);
  });
});

describe('user administration', () => {
  it('lets an admin list, promote, disable and delete accounts', async () => {
    const bob = new AdminClient(app.main);
    const bobUser = await bob.register('bob');
    expect(
      (await admin.get('/internal/users')).json().items.map((u: { username: string }) => u.username),
    ).toEqual(['root', 'bob']);
    expect((await admin.patch(`/internal/users/${bobUser.id}`, { role: 'admin' })).json().user.role).toBe(
      'admin',
    );
    expect(
      (await admin.patch(`/internal/users/${bobUser.id}`, { disabled: true })).json().user.disabled,
    ).toBe(true);
    expect((await bob.get('/internal/auth/me')).statusCode).toBe(401);
    expect((await admin.delete(`/internal/users/${bobUser.id}`)).statusCode).toBe(204);
    expect((await admin.get('/internal/users')).json().items).toHaveLength(1);
  });

  it('forbids members from administering users', async () => {
    const bob = new AdminClient(app.main);
    await bob.register('bob');
    const res = await bob.get('/internal/users');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('keeps the last active admin', async () => {
    const me = (await admin.get('/internal/auth/me')).json().user;
    const demote = await admin.patch(`/internal/users/${me.id}`, { role: 'member' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('LAST_ADMIN');
    expect((await admin.delete(`/internal/users/${me.id}`)).statusCode).toBe(409);
  });

  it('answers 404 for an unknown user and 400 for an empty patch', async () => {
    expect((await admin.patch('/internal/users/nope', { role: 'admin' })).statusCode).toBe(404);
    const empty = await admin.patch('/internal/users/nope', {});
    expect(empty.statusCode).toBe(400);
  });
});
