import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.js';
import { AdminClient } from '../../testing/admin-client.js';
import { tempSqliteUrl } from '../../testing/temp-sqlite.js';
import { httpCall } from '../../testing/http-call.js';
import { testConfig } from '../../testing/test-config.js';

let app: App;
let ada: AdminClient;
let urls: { mainUrl: string; mockUrl: string };

beforeEach(async () => {
  app = await buildApp(testConfig({ bodyLimitBytes: 1024 * 1024 }));
  ada = new AdminClient(app.main);
  await ada.register('ada');
  expect((await ada.post('/internal/services', { name: 'payments' })).statusCode).toBe(201);
  urls = await app.listen();
});
afterEach(async () => app.close());

const orderStub = {
  name: 'express order',
  request: {
    method: 'POST',
    path: { template: '/orders/{id}' },
    headers: { 'x-tenant': { equals: 'acme' } },
    body: { jsonPath: '$.type', equals: 'express' },
  },
  response: { kind: 'static', status: 201, headers: { 'x-stub': 'yes' }, body: { ok: true } },
};

// Mock calls go over real sockets: the fast path in front of Fastify serves them there.
function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; payload?: string } = {},
) {
  return httpCall(urls.mainUrl, url, init);
}

describe('serving stubs on /proxy/{service}/…', () => {
  it('answers a matching request with the stub, sandboxed by CSP', async () => {
    expect((await ada.post('/internal/services/payments/stubs', orderStub)).statusCode).toBe(201);
    const res = await call('/proxy/payments/orders/42?x=1', {
      method: 'POST',
      headers: { 'x-tenant': 'acme', 'content-type': 'application/json' },
      payload: JSON.stringify({ type: 'express' }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ ok: true });
    expect(res.headers['x-stub']).toBe('yes');
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['content-security-policy']).toBe('sandbox allow-scripts allow-forms allow-popups');
  });

  it('frames answers with Content-Length, none on a 204, and keeps a framing header the stub sets', async () => {
    const stub = (path: string, response: Record<string, unknown>) =>
      ada.post('/internal/services/payments/stubs', {
        request: { path },
        response: { kind: 'static', ...response },
      });
    await stub('/sized', { status: 200, text: 'héllo' });
    await stub('/empty', { status: 204 });
    await stub('/own', { status: 200, headers: { 'Transfer-Encoding': 'chunked' }, text: 'abc' });
    // A request without a body takes the prepared answer; one with a body the general path.
    for (const method of ['GET', 'POST']) {
      const sized = await call('/proxy/payments/sized', {
        method,
        payload: method === 'POST' ? 'x' : undefined,
      });
      expect(sized.headers['content-length']).toBe('6');
      expect(sized.headers['transfer-encoding']).toBeUndefined();
      expect(sized.body).toBe('héllo');
      const empty = await call('/proxy/payments/empty', { method });
      expect(empty.statusCode).toBe(204);
      expect(empty.headers['content-length']).toBeUndefined();
      const own = await call('/proxy/payments/own', { method });
      expect(own.headers['transfer-encoding']).toBe('chunked');
      expect(own.headers['content-length']).toBeUndefined();
      expect(own.body).toBe('abc');
    }
  });

  it('answers 404 naming the service and the near misses when nothing matches', async () => {
    await ada.post('/internal/services/payments/stubs', orderStub);
    const res = await call('/proxy/payments/orders/42', {
      method: 'POST',
      headers: { 'x-tenant': 'globex', 'content-type': 'application/json' },
      payload: JSON.stringify({ type: 'express' }),
    });
    expect(res.statusCode).toBe(404);
    const body = res.json();
    expect(body.service).toBe('payments');
    expect(body.error.code).toBe('NO_STUB_MATCHED');
    expect(body.nearMisses[0].name).toBe('express order');
    expect(body.nearMisses[0].diffs).toContainEqual(
      expect.objectContaining({ field: expect.stringContaining('x-tenant'), actual: 'globex' }),
    );
  });

  it('serves a body that is not JSON: JSON predicates miss, text predicates still match', async () => {
    await ada.post('/internal/services/payments/stubs', orderStub);
    await ada.post('/internal/services/payments/stubs', {
      request: { method: 'POST', body: { contains: 'hello' } },
      response: { kind: 'static', text: 'text matched' },
    });
    const res = await call('/proxy/payments/orders/1', {
      method: 'POST',
      headers: { 'x-tenant': 'acme', 'content-type': 'application/json' },
      payload: '{not json, hello',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('text matched');
  });

  it('answers an unknown service with 404 NO_SERVICE', async () => {
    const res = await call('/proxy/nope/x');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NO_SERVICE');
  });

  it('answers a body over the cap with 413 and journals it, then keeps serving', async () => {
    const res = await call('/proxy/payments/upload', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      payload: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(res.statusCode).toBe(413);
    const journal = (await ada.get('/internal/services/payments/requests')).json();
    expect(journal.items[0]).toMatchObject({ status: 413, kind: 'error' });
    expect((await call('/proxy/payments/after')).statusCode).toBe(404);
  });

  it('breaks ties by priority', async () => {
    await ada.post('/internal/services/payments/stubs', {
      priority: 1,
      request: { path: '/p' },
      response: { kind: 'static', text: 'high' },
    });
    await ada.post('/internal/services/payments/stubs', {
      request: { path: '/p' },
      response: { kind: 'static', text: 'low' },
    });
    expect((await call('/proxy/payments/p')).body).toBe('high');
  });

  it('applies a fixed delay', async () => {
    await ada.post('/internal/services/payments/stubs', {
      request: { path: '/slow' },
      response: { kind: 'static', delayMs: 150 },
    });
    const started = Date.now();
    expect((await call('/proxy/payments/slow')).statusCode).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('stubs through the admin API', () => {
  it('refuses an invalid regex with 400 STUB_INVALID pointing at the field', async () => {
    const res = await ada.post('/internal/services/payments/stubs', {
      request: { path: { regex: '([' } },
      response: { kind: 'static' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('STUB_INVALID');
    expect(res.json().error.details[0].path).toBe('/body/request/path/regex');
  });

  it('round-trips a stub unchanged, replaces and deletes it', async () => {
    const created = (await ada.post('/internal/services/payments/stubs', orderStub)).json();
    expect(created).toMatchObject({
      ...orderStub,
      priority: 0,
      enabled: true,
      service: 'payments',
      createdBy: 'ada',
    });
    const fetched = (await ada.get(`/internal/services/payments/stubs/${created.id}`)).json();
    expect(fetched).toEqual(created);
    const replaced = await ada.put(`/internal/services/payments/stubs/${created.id}`, {
      ...orderStub,
      enabled: false,
    });
    expect(replaced.json().enabled).toBe(false);
    expect((await call('/proxy/payments/orders/1', { method: 'POST' })).statusCode).toBe(404);
    expect((await ada.delete(`/internal/services/payments/stubs/${created.id}`)).statusCode).toBe(204);
    expect((await ada.get('/internal/services/payments/stubs')).json().items).toEqual([]);
  });

  it('lets only the owner or an admin change a service and its stubs', async () => {
    const bob = new AdminClient(app.main);
    await bob.register('bob');
    await bob.post('/internal/services', { name: 'bobs' });
    const carol = new AdminClient(app.main);
    await carol.register('carol');
    expect((await carol.patch('/internal/services/bobs', { description: 'x' })).statusCode).toBe(403);
    expect((await carol.post('/internal/services/bobs/stubs', orderStub)).statusCode).toBe(403);
    expect((await carol.delete('/internal/services/bobs')).statusCode).toBe(403);
    expect((await carol.get('/internal/services/bobs')).statusCode).toBe(200);
    expect((await ada.patch('/internal/services/bobs', { description: 'by admin' })).statusCode).toBe(200);
  });

  it('keeps services and stubs across a restart', async () => {
    const temp = tempSqliteUrl();
    const first = await buildApp(testConfig({ db: temp.url }));
    const owner = new AdminClient(first.main);
    await owner.register('owner');
    await owner.post('/internal/services', { name: 'kept' });
    await owner.post('/internal/services/kept/stubs', {
      request: { path: '/k' },
      response: { kind: 'static', text: 'still here' },
    });
    await first.close();
    const second = await buildApp(testConfig({ db: temp.url }));
    expect((await second.main.inject('/proxy/kept/k')).body).toBe('still here');
    await second.close();
    temp.remove();
  });
});

describe('the journal', () => {
  it('records every call, pages newest first, and keeps near misses on unmatched entries', async () => {
    await ada.post('/internal/services/payments/stubs', {
      name: 'hello',
      request: { method: 'GET', path: '/hello' },
      response: { kind: 'static', text: 'hi' },
    });
    await call('/proxy/payments/hello?lang=en', { headers: { 'x-trace': '1' } });
    await call('/proxy/payments/hellp');
    await call('/proxy/payments/hello');
    const first = (await ada.get('/internal/services/payments/requests?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[1]).toMatchObject({ path: '/hellp', status: 404, kind: 'unmatched', stubId: null });
    expect(first.items[1].nearMisses[0].name).toBe('hello');
    const second = (
      await ada.get(`/internal/services/payments/requests?limit=2&cursor=${first.next}`)
    ).json();
    expect(second.next).toBeNull();
    expect(second.items[0]).toMatchObject({
      path: '/hello',
      query: { lang: ['en'] },
      stubName: 'hello',
      status: 200,
    });
    expect(second.items[0].headers['x-trace']).toBe('1');
    const unmatched = (await ada.get('/internal/services/payments/requests?matched=false')).json();
    expect(unmatched.items.map((e: { path: string }) => e.path)).toEqual(['/hellp']);
  });

  it('counts calls matching a predicate (verification)', async () => {
    for (const type of ['express', 'express', 'slow']) {
      await call('/proxy/payments/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ type }),
      });
    }
    const count = await ada.post('/internal/services/payments/requests/count', {
      request: { method: 'POST', path: '/orders', body: { jsonPath: '$.type', equals: 'express' } },
    });
    expect(count.json()).toEqual({ count: 2 });
    const bad = await ada.post('/internal/services/payments/requests/count', {
      request: { path: { regex: '(' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('/body/request/path/regex');
  });

  it('sums up the journal for lists: how many calls are kept, and when the newest arrived', async () => {
    await ada.delete('/internal/services/payments/requests');
    const empty = await ada.get('/internal/services/payments/requests/summary');
    expect(empty.json()).toEqual({ count: 0, lastReceivedAt: null });
    const before = Date.now();
    await call('/proxy/payments/a');
    await call('/proxy/payments/b');
    const summary = (await ada.get('/internal/services/payments/requests/summary')).json();
    expect(summary.count).toBe(2);
    expect(Date.parse(summary.lastReceivedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect((await ada.get('/internal/services/nowhere/requests/summary')).statusCode).toBe(404);
  });

  it('clears', async () => {
    await call('/proxy/payments/x');
    expect((await ada.delete('/internal/services/payments/requests')).statusCode).toBe(204);
    expect((await ada.get('/internal/services/payments/requests')).json().items).toEqual([]);
  });
});

describe('the mock port', () => {
  it('routes by a claimed path prefix and by a claimed Host', async () => {
    await ada.patch('/internal/services/payments', {
      claims: { pathPrefix: '/payments', hosts: ['payments.local'] },
    });
    await ada.post('/internal/services/payments/stubs', {
      request: { path: '/charges' },
      response: { kind: 'static', text: 'charged' },
    });
    const byPrefix = await httpCall(urls.mockUrl, '/payments/charges');
    expect(byPrefix.body).toBe('charged');
    expect(byPrefix.headers['content-security-policy']).toBeUndefined();
    const byHost = await httpCall(urls.mockUrl, '/charges', { headers: { host: 'payments.local:8081' } });
    expect(byHost.body).toBe('charged');
    expect((await httpCall(urls.mockUrl, '/other/charges')).json().error.code).toBe('NO_SERVICE');
  });

  it('refuses a claim another service holds', async () => {
    await ada.patch('/internal/services/payments', { claims: { pathPrefix: '/pay' } });
    const res = await ada.post('/internal/services', { name: 'other', claims: { pathPrefix: '/pay' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].path).toBe('/body/claims/pathPrefix');
  });

  it('resets the connection for a connection-reset fault', async () => {
    await ada.patch('/internal/services/payments', { claims: { pathPrefix: '/payments' } });
    await ada.post('/internal/services/payments/stubs', {
      request: { path: '/boom' },
      response: { kind: 'static', fault: 'connection-reset' },
    });
    const port = Number(new URL(urls.mockUrl).port);
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () =>
        socket.write('GET /payments/boom HTTP/1.1\r\nHost: x\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (chunk) => (data += chunk));
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      socket.on('close', () => resolve(data === '' ? 'closed-empty' : data));
    });
    expect(['ECONNRESET', 'closed-empty']).toContain(outcome);
  });
});
