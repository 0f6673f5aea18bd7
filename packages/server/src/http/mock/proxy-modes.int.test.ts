import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import type { App } from '../../app.js';
import type { AdminClient } from '../../testing/admin-client.js';
import {
  createService,
  journalOf,
  startProxyApp,
  startUpstream,
  type TestUpstream,
} from './proxy-upstream.fixture.js';

let app: App;
let ada: AdminClient;
let mainUrl: string;
let mockUrl: string;
let upstream: TestUpstream;

beforeEach(async () => {
  upstream = await startUpstream();
  ({ app, ada, mainUrl, mockUrl } = await startProxyApp());
});
afterEach(async () => {
  await app.close();
  await upstream.close();
});

async function call(url: string, init: Parameters<typeof request>[1] = {}) {
  const res = await request(url, init);
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

const stub = (path: string, text: string) => ({
  request: { method: 'GET', path },
  response: { kind: 'static', text },
});

describe('modes', () => {
  it('proxy mode sends everything upstream, with the query, and journals it as proxy', async () => {
    await createService(ada, { name: 'pay', mode: 'proxy', upstream: `${upstream.url}/api` });
    await ada.post('/internal/services/pay/stubs', stub('/orders', 'from stub'));
    const res = await call(`${mainUrl}/proxy/pay/orders?x=1&y=%20`, { method: 'POST', body: '{"a":1}' });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ method: 'POST', url: '/api/orders?x=1&y=%20', body: '{"a":1}' });
    expect(res.headers['x-upstream']).toBe('yes');
    expect(res.headers['content-security-policy']).toMatch(/^sandbox/);
    const [entry] = await journalOf(app, ada, 'pay');
    expect(entry).toMatchObject({ kind: 'proxy', status: 200, method: 'POST', path: '/orders' });
    expect(entry?.body).toMatchObject({ text: '{"a":1}', size: 7, truncated: false });
    expect((entry?.response as { body: { text: string } }).body.text).toContain(
      '"url":"/api/orders?x=1&y=%20"',
    );
    expect(entry?.latencyMs).toBeGreaterThan(0);
  });

  it('partial mode answers from stubs first and forwards the rest with the body it matched on', async () => {
    await createService(ada, { name: 'pay', mode: 'partial', upstream: upstream.url });
    await ada.post('/internal/services/pay/stubs', stub('/stubbed', 'from stub'));
    expect((await call(`${mainUrl}/proxy/pay/stubbed`)).text).toBe('from stub');
    const forwarded = await call(`${mainUrl}/proxy/pay/other`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"b":2}',
    });
    expect(forwarded.json()).toMatchObject({ method: 'PUT', url: '/other', body: '{"b":2}' });
    expect(upstream.seen.map((r) => r.url)).toEqual(['/other']);
    await call(`${mainUrl}/proxy/pay/raw`, { method: 'POST', body: 'no type' });
    expect(upstream.seen[1]).toMatchObject({ body: 'no type' });
    expect(upstream.seen[1]?.headers['content-type']).toBeUndefined();
    const kinds = (await journalOf(app, ada, 'pay')).map((e) => e.kind);
    expect(kinds).toEqual(['proxy', 'proxy', 'stub']);
  });

  it('mock mode never calls the upstream', async () => {
    await createService(ada, { name: 'pay', mode: 'mock', upstream: upstream.url });
    expect((await call(`${mainUrl}/proxy/pay/anything`)).status).toBe(404);
    expect(upstream.seen).toEqual([]);
  });

  it('a proxy stub forwards its route only, to its own upstream, with the path rewritten', async () => {
    const other = await startUpstream();
    try {
      await createService(ada, { name: 'pay', mode: 'mock' });
      await ada.post('/internal/services/pay/stubs', {
        request: { path: { startsWith: '/v1/' } },
        response: {
          kind: 'proxy',
          upstream: `${other.url}/base`,
          pathRewrite: { from: '/v1', to: '/api/v2' },
        },
      });
      const res = await call(`${mainUrl}/proxy/pay/v1/orders/7?q=1`);
      expect(res.json()).toMatchObject({ url: '/base/api/v2/orders/7?q=1' });
      expect((await call(`${mainUrl}/proxy/pay/v2/orders`)).status).toBe(404);
      const [entry] = await journalOf(app, ada, 'pay');
      expect(entry).toMatchObject({ kind: 'unmatched' });
      expect((await journalOf(app, ada, 'pay'))[1]).toMatchObject({
        kind: 'proxy',
        stubId: expect.any(String),
      });
    } finally {
      await other.close();
    }
  });

  it('forwards from the mock port for a service that claims a path prefix', async () => {
    await createService(ada, {
      name: 'pay',
      mode: 'proxy',
      upstream: upstream.url,
      claims: { pathPrefix: '/payments' },
    });
    const res = await call(`${mockUrl}/payments/orders/1`);
    expect(res.json()).toMatchObject({ url: '/orders/1' });
    expect(res.headers['content-security-policy']).toBeUndefined();
  });
});

describe('switching at run time', () => {
  it('goes mock → proxy → partial → mock under concurrent load without a failed request', async () => {
    await createService(ada, { name: 'pay', mode: 'mock', upstream: upstream.url });
    await ada.post('/internal/services/pay/stubs', stub('/orders/1', '{"from":"stub"}'));
    const dispatcher = new Agent({ connections: 16 });
    let stop = false;
    const statuses = new Map<number, number>();
    const answers = new Set<string>();
    const worker = async () => {
      while (!stop) {
        const res = await request(`${mainUrl}/proxy/pay/orders/1`, { dispatcher });
        const text = await res.body.text();
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        answers.add(text.includes('"from":"stub"') ? 'stub' : 'upstream');
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    for (const mode of ['proxy', 'partial', 'mock', 'proxy', 'mock']) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect((await ada.patch('/internal/services/pay', { mode })).statusCode).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    stop = true;
    await Promise.all(workers);
    await dispatcher.close();
    expect([...statuses.keys()]).toEqual([200]);
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(answers).toEqual(new Set(['stub', 'upstream']));
    const service = (await ada.get('/internal/services/pay')).json();
    expect(service).toMatchObject({ mode: 'mock', modeChangedBy: 'ada' });
  });
});

describe('through inject', () => {
  it('forwards and journals a complete call (no false "client disconnected")', async () => {
    await createService(ada, { name: 'pay', mode: 'proxy', upstream: upstream.url });
    const res = await app.main.inject({ url: '/proxy/pay/x?y=1' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ url: '/x?y=1' });
    const [entry] = await journalOf(app, ada, 'pay');
    expect(entry).toMatchObject({ kind: 'proxy', status: 200 });
    expect(entry?.error).toBeUndefined();
  });
});
