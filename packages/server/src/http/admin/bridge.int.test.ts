import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '../../testing/admin-client.js';
import { serviceAvailable } from '../../testing/services.js';
import { BridgeAmqp, createBridge } from './bridge-test.fixture.js';
import { startQueueApp, type QueueTestApp } from './queue-test.fixture.js';

const up = await serviceAvailable('rabbitmq');

describe.skipIf(!up)('bridges API', () => {
  let t: QueueTestApp;
  let amqp: BridgeAmqp;
  let queues: { in: string; out: string };
  const ends = () => ({
    in: { broker: 'local', queue: queues.in },
    out: { broker: 'local', queue: queues.out },
  });
  beforeAll(async () => {
    t = await startQueueApp();
    await t.broker('local');
    amqp = new BridgeAmqp();
    queues = { in: await amqp.queue('in'), out: await amqp.queue('out') };
  });
  afterAll(async () => {
    await t?.close();
    await amqp?.close();
  });

  async function expect400(body: Record<string, unknown>, path: string, message?: RegExp) {
    const res = await t.admin.post('/internal/bridges', { name: 'bad', ...ends(), ...body });
    expect(res.statusCode, res.body).toBe(400);
    const { details } = res.json().error;
    expect(details.map((d: { path: string }) => d.path)).toContain(path);
    if (message) expect(details.find((d: { path: string }) => d.path === path).message).toMatch(message);
  }

  it('answers 400 with a pointer for what cannot work, before anything is saved', async () => {
    await expect400(
      { mapper: { kind: 'python', code: 'def mapper(body, headers)\n  pass' } },
      '/body/mapper/code',
      /line 1/,
    );
    await expect400(
      { mapper: { kind: 'python', code: 'def handler(body, headers):\n  pass' } },
      '/body/mapper/code',
    );
    await expect400({ mapper: { kind: 'python' } }, '/body/mapper/code', /required/);
    await expect400({ mapper: { kind: 'xslt' } }, '/body/mapper/kind', /identity, template, python/);
    await expect400(
      { mapper: { kind: 'template', template: { a: '{{ request.id }}' } } },
      '/body/mapper/template/a',
    );
    const both = { broker: 'local', queue: queues.out, exchange: 'amq.topic' };
    await expect400({ mapper: { kind: 'identity' }, out: both }, '/body/out/exchange');
    await expect400({ mapper: { kind: 'identity' }, out: { broker: 'local' } }, '/body/out/queue');
    await expect400(
      { mapper: { kind: 'identity' }, out: { broker: 'local', queue: queues.in } },
      '/body/out/queue',
    );
    await expect400({ mapper: { kind: 'identity' }, concurrency: 0 }, '/body/concurrency');
    const unknown = await t.admin.post('/internal/bridges', {
      name: 'nowhere',
      in: { broker: 'nope', queue: 'x' },
      out: { broker: 'local', queue: queues.out },
      mapper: { kind: 'identity' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.details).toEqual([
      { path: '/body/in/broker', message: 'is not a registered broker' },
    ]);
    expect((await t.admin.get('/internal/bridges')).json().items).toEqual([]);
  });

  it('creates, reads, changes, refuses a taken name, and deletes', async () => {
    const created = await createBridge(t.admin, { name: 'orders', ...ends(), mapper: { kind: 'identity' } });
    expect(created).toMatchObject({
      name: 'orders',
      in: { broker: 'local', queue: queues.in, create: false },
      concurrency: 1,
      enabled: true,
      retry: { attempts: 3, backoffMs: 500 },
      owner: { username: 'root' },
      stats: { in: 0, out: 0, dropped: 0, dead: 0, deadLetters: 0, inFlight: 0 },
    });
    const taken = await t.admin.post('/internal/bridges', {
      name: 'orders',
      ...ends(),
      mapper: { kind: 'identity' },
    });
    expect(taken.statusCode).toBe(409);
    const url = `/internal/bridges/${created.id}`;
    const badCode = await t.admin.patch(url, { mapper: { kind: 'python', code: 'def mapper(:' } });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error).toMatchObject({
      code: 'HANDLER_INVALID',
      details: [{ path: '/body/mapper/code' }],
    });
    const changed = await t.admin.patch(url, { concurrency: 4, retry: { attempts: 1, backoffMs: 0 } });
    expect(changed.json()).toMatchObject({ concurrency: 4, retry: { attempts: 1, backoffMs: 0 } });
    expect((await t.admin.get('/internal/bridges')).json().items.map((b: { id: string }) => b.id)).toEqual([
      created.id,
    ]);
    expect((await t.admin.delete(url)).statusCode).toBe(204);
    expect((await t.admin.get(url)).statusCode).toBe(404);
  });

  it('lets others read but only the owner or an admin change (403)', async () => {
    const bridge = await createBridge(t.admin, { ...ends(), mapper: { kind: 'identity' } });
    const other = new AdminClient(t.app.main);
    await other.register('member-of-team');
    const url = `/internal/bridges/${bridge.id}`;
    expect((await other.get(url)).statusCode).toBe(200);
    expect((await other.patch(url, { enabled: false })).statusCode).toBe(403);
    expect((await other.delete(url)).statusCode).toBe(403);
    expect((await other.post(`${url}/dead-letters/replay`)).statusCode).toBe(403);
    expect((await other.post(`${url}/dead-letters/1/replay`)).statusCode).toBe(403);
    const mine = await createBridge(other, { ...ends(), mapper: { kind: 'identity' } });
    expect((await other.patch(`/internal/bridges/${mine.id}`, { enabled: false })).statusCode).toBe(200);
    expect((await t.admin.delete(`/internal/bridges/${mine.id}`)).statusCode).toBe(204);
    expect((await t.admin.delete(url)).statusCode).toBe(204);
  });

  it('tries a mapper on a pasted message without publishing', async () => {
    const tryIt = (mapper: unknown, message: unknown) =>
      t.admin.post('/internal/bridges/try', { mapper, message });
    const code =
      'def mapper(body, headers):\n    print("seen", body["id"])\n    return [body, ({"n": 2}, {"x-a": "1"})]';
    const ok = (await tryIt({ kind: 'python', code }, { body: { id: 7 }, headers: { 'X-T': 'a' } })).json();
    expect(ok).toMatchObject({
      ok: true,
      messages: [
        { body: { id: 7 }, bodyEncoding: 'json', headers: {} },
        { body: { n: 2 }, headers: { 'x-a': '1' } },
      ],
      stdout: 'seen 7\n',
    });
    const failed = (
      await tryIt({ kind: 'python', code: 'def mapper(body, headers):\n    return body["x"]' }, { body: {} })
    ).json();
    expect(failed).toMatchObject({
      ok: false,
      messages: [],
      error: { kind: 'exception', traceback: expect.stringContaining('KeyError') },
    });
    const template = (
      await tryIt({ kind: 'template', template: { t: 'v={{ body }}' } }, { body: 'text' })
    ).json();
    expect(template.messages).toEqual([{ body: { t: 'v=text' }, bodyEncoding: 'json', headers: {} }]);
    const invalid = await tryIt({ kind: 'python', code: 'def mapper(body):\n    pass' }, { body: 1 });
    expect(invalid.json().error.details[0].path).toBe('/body/mapper/code');
  });
});
