import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdminClient } from '../../testing/admin-client.js';
import { serviceAvailable } from '../../testing/services.js';
import { FAST_RETRY, startQueueApp, waitFor, type QueueTestApp } from './queue-test.fixture.js';

const up = await serviceAvailable('rabbitmq');

describe.skipIf(!up)('brokers API', () => {
  let t: QueueTestApp;
  beforeEach(async () => {
    t = await startQueueApp();
  });
  afterEach(async () => t.close());

  it('registers a broker, connects at once, and never shows the password or URL credentials', async () => {
    const res = await t.admin.post('/internal/brokers', {
      name: 'local',
      kind: 'rabbitmq',
      url: 'amqp://guest:guest@127.0.0.1:5672',
      options: FAST_RETRY,
    });
    expect(res.statusCode).toBe(201);
    const broker = res.json();
    expect(broker).toMatchObject({
      name: 'local',
      kind: 'rabbitmq',
      url: 'amqp://127.0.0.1:5672',
      username: 'guest',
      hasPassword: true,
      owner: { username: 'root' },
      status: { state: 'connected' },
      queueMocks: 0,
    });
    expect(broker.connectionName).toMatch(/^understudy-[0-9a-f]+-local$/);
    expect(res.body).not.toMatch(/"password"|guest@/);
    const listed = (await t.admin.get('/internal/brokers')).body;
    expect(listed).not.toMatch(/"password"|guest@/);
    // At rest: sealed, not the plaintext.
    const stored = await t.app.stores.brokers.get('local');
    expect(stored?.passwordSealed).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toMatch(/:guest@|"guest"[^,]*password/);
  });

  it('reports refused credentials as failed with the broker reason, without failing the request', async () => {
    const res = await t.admin.post('/internal/brokers', {
      name: 'wrong',
      kind: 'rabbitmq',
      url: 'amqp://127.0.0.1:5672',
      username: 'guest',
      password: 'not-the-password',
      options: FAST_RETRY,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toMatchObject({ state: 'failed', lastError: { code: 'ACCESS_REFUSED' } });
    expect(res.json().status.lastError.message).toMatch(/refused|auth/i);
  });

  it('reports an unreachable broker as reconnecting, and recovers when the URL is fixed', async () => {
    const res = await t.admin.post('/internal/brokers', {
      name: 'later',
      kind: 'rabbitmq',
      url: 'amqp://guest:guest@127.0.0.1:1',
      options: FAST_RETRY,
    });
    expect(res.json().status.state).toBe('reconnecting');
    const fixed = await t.admin.patch('/internal/brokers/later', { url: 'amqp://127.0.0.1:5672' });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({
      url: 'amqp://127.0.0.1:5672',
      username: 'guest',
      hasPassword: true,
    });
    await waitFor(
      'the broker connects',
      async () => (await t.admin.get('/internal/brokers/later')).json(),
      (b) => b.status.state === 'connected',
    );
  });

  it('refuses bad input with pointers into the body', async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: 'x', kind: 'kafka', url: 'amqp://h' }, '/body/kind'],
      [{ name: 'x', kind: 'rabbitmq', url: 'redis://h' }, '/body/url'],
      [{ name: 'x', kind: 'rabbitmq', url: 'not a url' }, '/body/url'],
      [{ name: 'Bad Name', kind: 'rabbitmq', url: 'amqp://h' }, '/body/name'],
      [{ name: 'x', kind: 'rabbitmq', url: 'amqp://h', color: 'red' }, '/body/color'],
      [
        { name: 'x', kind: 'rabbitmq', url: 'amqp://h', options: { retryLowMs: 500, retryHighMs: 100 } },
        '/body/options/retryLowMs',
      ],
    ];
    for (const [body, pointer] of cases) {
      const res = await t.admin.post('/internal/brokers', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(pointer);
    }
  });

  it('removes an option with null in a PATCH, back to its default, keeping the options not named', async () => {
    await t.broker('local');
    const set = await t.admin.patch('/internal/brokers/local', { options: { prefetch: 10 } });
    expect(set.json().options).toEqual({ ...FAST_RETRY, prefetch: 10 });
    const cleared = await t.admin.patch('/internal/brokers/local', {
      options: { prefetch: null, retryHighMs: 2000 },
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ status: { state: 'connected' } });
    expect(cleared.json().options).toEqual({ retryLowMs: FAST_RETRY.retryLowMs, retryHighMs: 2000 });
    expect((await t.admin.get('/internal/brokers/local')).json().options).not.toHaveProperty('prefetch');
    expect((await t.app.stores.brokers.get('local'))?.options).toEqual({
      retryLowMs: 100,
      retryHighMs: 2000,
    });
    // Removing an option that is not set is no change; a value still has to be valid.
    const again = await t.admin.patch('/internal/brokers/local', { options: { heartbeatSeconds: null } });
    expect(again.json().options).toEqual({ retryLowMs: 100, retryHighMs: 2000 });
    const invalid = await t.admin.patch('/internal/brokers/local', { options: { prefetch: 0 } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.map((d: { path: string }) => d.path)).toContain(
      '/body/options/prefetch',
    );
  });

  it('refuses a taken name, answers 404 for an unknown broker', async () => {
    await t.broker('local');
    expect(
      (await t.admin.post('/internal/brokers', { name: 'local', kind: 'rabbitmq', url: 'amqp://h' }))
        .statusCode,
    ).toBe(409);
    expect((await t.admin.get('/internal/brokers/nope')).statusCode).toBe(404);
    expect((await t.admin.patch('/internal/brokers/nope', { url: 'amqp://h' })).statusCode).toBe(404);
    expect((await t.admin.delete('/internal/brokers/nope')).statusCode).toBe(404);
  });

  it('lets everyone signed in read, only the owner or an admin change', async () => {
    await t.broker('local');
    const bob = new AdminClient(t.app.main);
    await bob.register('bob');
    expect((await bob.get('/internal/brokers/local')).statusCode).toBe(200);
    expect((await bob.patch('/internal/brokers/local', { options: { prefetch: 10 } })).statusCode).toBe(403);
    expect((await bob.delete('/internal/brokers/local')).statusCode).toBe(403);
    expect((await new AdminClient(t.app.main).get('/internal/brokers')).statusCode).toBe(401);
  });

  it('refuses to delete a broker queue mocks still use, naming them, then deletes it once they are gone', async () => {
    await t.broker('local');
    const mock = await t.queueMock();
    const refused = await t.admin.delete('/internal/brokers/local');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'BROKER_IN_USE' });
    expect(refused.json().error.message).toContain(mock.queue);
    expect((await t.admin.delete(`/internal/queues/${mock.id}?deleteQueue=true`)).statusCode).toBe(204);
    expect((await t.admin.delete('/internal/brokers/local')).statusCode).toBe(204);
    expect((await t.admin.get('/internal/brokers/local')).statusCode).toBe(404);
  });

  it('documents every broker and queue endpoint in the OpenAPI document', async () => {
    const paths = Object.keys((await t.admin.get('/internal/openapi.json')).json().paths);
    for (const path of [
      '/internal/brokers',
      '/internal/brokers/{name}',
      '/internal/queues',
      '/internal/queues/{id}',
      '/internal/queues/{id}/messages',
      '/internal/queues/{id}/stream',
      '/internal/queues/{id}/stats',
      '/internal/queues/{id}/publish',
    ]) {
      expect(paths).toContain(path);
    }
  });
});
