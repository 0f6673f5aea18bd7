import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import type { App } from '../../app.js';
import type { AdminClient } from '../../testing/admin-client.js';
import { createService, startProxyApp, startUpstream, type TestUpstream } from './proxy-upstream.fixture.js';

let app: App;
let ada: AdminClient;
let mainUrl: string;
let upstream: TestUpstream;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);

beforeEach(async () => {
  upstream = await startUpstream((req, res, body) => {
    if (req.url === '/logo.png') {
      res.writeHead(200, { 'content-type': 'image/png', date: 'Mon, 01 Jan 2024 00:00:00 GMT' });
      res.end(PNG);
      return;
    }
    if (req.url?.startsWith('/text')) {
      res.writeHead(404, { 'content-type': 'text/plain', 'x-reason': 'none here' });
      res.end(`no ${req.url}`);
      return;
    }
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'x-real': '1' });
    res.end(JSON.stringify({ url: req.url, got: body ? (JSON.parse(body) as unknown) : null }));
  });
  ({ app, ada, mainUrl } = await startProxyApp());
  await createService(ada, { name: 'pay', mode: 'proxy', upstream: upstream.url, proxy: { record: true } });
});
afterEach(async () => {
  await app.close();
  await upstream.close();
});

type Answer = { status: number; type: string | undefined; body: Buffer };

async function call(
  path: string,
  init: { method?: string; body?: string; json?: boolean } = {},
): Promise<Answer> {
  const res = await request(`${mainUrl}/proxy/pay${path}`, {
    method: (init.method ?? 'GET') as 'GET',
    body: init.body,
    headers: init.json ? { 'content-type': 'application/json' } : {},
  });
  const type = res.headers['content-type'];
  return {
    status: res.statusCode,
    type: typeof type === 'string' ? type : undefined,
    body: Buffer.from(await res.body.arrayBuffer()),
  };
}

const exchanges = [
  { path: '/orders?page=2&tag=a&tag=b' },
  { path: '/orders', method: 'POST', body: '{"sku":"x","qty":1}', json: true },
  { path: '/orders', method: 'POST', body: '{"qty":2,"sku":"x"}', json: true },
  { path: '/logo.png' },
  { path: '/text/missing' },
];

async function recordedStubs() {
  return (await ada.get('/internal/services/pay/stubs')).json().items as {
    id: string;
    enabled: boolean;
    createdBy: string;
    request: unknown;
    response: { headers: Record<string, unknown> };
  }[];
}

describe('recording', () => {
  it('turns each distinct exchange into one disabled stub, then replays them with the upstream stopped', async () => {
    const live: Answer[] = [];
    for (const x of exchanges) live.push(await call(x.path, x));
    // The same requests again (JSON keys in another order count as the same body): no new stubs.
    await call('/orders?page=2&tag=a&tag=b');
    await call('/orders', { method: 'POST', body: '{"qty":1,"sku":"x"}', json: true });
    await expect.poll(async () => (await recordedStubs()).length).toBe(exchanges.length);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stubs = await recordedStubs();
    expect(stubs).toHaveLength(exchanges.length);
    expect(stubs.every((s) => !s.enabled && s.createdBy === 'recorder')).toBe(true);
    expect(stubs.find((s) => JSON.stringify(s.request).includes('equalsJson'))?.request).toMatchObject({
      method: 'POST',
      path: '/orders',
      body: { equalsJson: { sku: 'x', qty: 1 } },
    });
    for (const stub of stubs) {
      expect(Object.keys(stub.response.headers)).not.toContain('date');
      expect(Object.keys(stub.response.headers)).not.toContain('content-length');
    }

    for (const stub of stubs) {
      const { id: _id, createdBy: _c, ...doc } = stub as Record<string, unknown>;
      const kept = Object.fromEntries(
        Object.entries(doc).filter(([k]) => ['name', 'priority', 'request', 'response'].includes(k)),
      );
      expect(
        (await ada.put(`/internal/services/pay/stubs/${stub.id}`, { ...kept, enabled: true })).statusCode,
      ).toBe(200);
    }
    expect((await ada.patch('/internal/services/pay', { mode: 'mock' })).statusCode).toBe(200);
    await upstream.close();

    for (const [i, x] of exchanges.entries()) {
      const replayed = await call(x.path, x);
      const original = live[i] as Answer;
      expect(replayed.status).toBe(original.status);
      expect(replayed.type).toBe(original.type);
      if (original.type?.includes('json'))
        expect(JSON.parse(replayed.body.toString())).toEqual(JSON.parse(original.body.toString()));
      else expect(replayed.body.equals(original.body)).toBe(true);
    }
  });

  it('records nothing when recording is off, and records again once a recorded stub is deleted', async () => {
    await ada.patch('/internal/services/pay', { proxy: { record: false } });
    await call('/orders');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await recordedStubs()).toHaveLength(0);

    await ada.patch('/internal/services/pay', { proxy: { record: true } });
    await call('/orders');
    await expect.poll(async () => (await recordedStubs()).length).toBe(1);
    const [stub] = await recordedStubs();
    await ada.delete(`/internal/services/pay/stubs/${stub?.id ?? ''}`);
    await call('/orders');
    await expect.poll(async () => (await recordedStubs()).length).toBe(1);
  });

  it('shows the proxy settings on the service', async () => {
    const service = (await ada.get('/internal/services/pay')).json();
    expect(service.proxy).toEqual({ timeoutMs: 30_000, keepHost: false, record: true });
    const bad = await ada.patch('/internal/services/pay', { proxy: { timeoutMs: 5 } });
    expect(bad.statusCode).toBe(400);
  });
});
