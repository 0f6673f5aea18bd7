import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { buildApp, type App } from '../../app.js';
import { AdminClient } from '../../testing/admin-client.js';
import { tempSqliteUrl } from '../../testing/temp-sqlite.js';
import { testConfig } from '../../testing/test-config.js';
import {
  createService,
  journalOf,
  startProxyApp,
  startUpstream,
  type TestUpstream,
} from './proxy-upstream.fixture.js';

// Behaviour of the node:http forwarding path (fast-proxy-listener.ts) beyond what the proxy-*.int
// tests already pin down for both paths.

let app: App | undefined;
let upstream: TestUpstream | undefined;

afterEach(async () => {
  await app?.close();
  await upstream?.close();
  app = upstream = undefined;
});

async function proxying(service: Record<string, unknown> = {}, config = {}) {
  upstream = await startUpstream();
  const started = await startProxyApp(config);
  app = started.app;
  await createService(started.ada, { name: 'pay', mode: 'proxy', upstream: upstream.url, ...service });
  return started;
}

/** A raw HTTP/1.1 request: the path goes out exactly as written (no client-side normalising). */
function raw(base: string, path: string, options: http.RequestOptions = {}, body?: string) {
  const { hostname, port } = new URL(base);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>(
    (resolve, reject) => {
      const req = http.request({ hostname, port, path, ...options }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

describe('what the journal keeps of a forwarded call', () => {
  it("keeps the client's own headers, not the ones rewritten for the upstream", async () => {
    const { ada, mainUrl } = await proxying();
    await raw(mainUrl, '/proxy/pay/h', { headers: { host: 'shop.example', connection: 'keep-alive' } });
    expect(upstream?.seen[0]?.headers['x-forwarded-host']).toBe('shop.example');
    const [entry] = await journalOf(app as App, ada, 'pay');
    const headers = entry?.headers as Record<string, string>;
    expect(headers.host).toBe('shop.example');
    expect(headers.connection).toBe('keep-alive');
    expect(headers['x-forwarded-for']).toBeUndefined();
    expect((entry?.response as { headers: Record<string, string> }).headers['x-upstream']).toBe('yes');
  });
});

describe('paths that are not forwarded', () => {
  it('refuses a ".." segment (plain or percent-encoded) with 400 and never calls the upstream', async () => {
    const { ada, mainUrl } = await proxying();
    for (const path of ['/proxy/pay/a/../../admin', '/proxy/pay/a/%2e%2e/admin', '/proxy/pay/%zz']) {
      const res = await raw(mainUrl, path);
      expect(res.status).toBe(400);
      const { error } = JSON.parse(res.text) as { error: { code: string; message: string } };
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toContain('"pay" cannot forward GET');
    }
    expect(upstream?.seen).toEqual([]);
    const entries = await journalOf(app as App, ada, 'pay');
    expect(entries.map((e) => [e.kind, e.status])).toEqual([
      ['error', 400],
      ['error', 400],
      ['error', 400],
    ]);
  });
});

describe('bodies', () => {
  it('forwards the body of a GET that has one', async () => {
    const { mainUrl } = await proxying();
    const res = await raw(mainUrl, '/proxy/pay/search', { headers: { 'content-length': '9' } }, '{"q":"x"}');
    expect(res.status).toBe(200);
    expect(upstream?.seen[0]).toMatchObject({ method: 'GET', body: '{"q":"x"}' });
  });

  it('answers a body over the limit with 413 in partial mode, journals it, and keeps serving', async () => {
    const { ada, mainUrl } = await proxying({ mode: 'partial' }, { bodyLimitBytes: 1024 });
    const res = await raw(
      mainUrl,
      '/proxy/pay/upload',
      { method: 'POST', headers: { 'content-length': '4096' } },
      'x'.repeat(4096),
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text).error.code).toBe('BODY_TOO_LARGE');
    expect(res.headers['content-security-policy']).toMatch(/^sandbox/);
    expect(upstream?.seen).toEqual([]);
    expect((await raw(mainUrl, '/proxy/pay/after')).status).toBe(200);
    const [after, refused] = await journalOf(app as App, ada, 'pay');
    expect(refused).toMatchObject({ kind: 'error', status: 413 });
    expect(after).toMatchObject({ kind: 'proxy', status: 200 });
  });

  it('sends a proxy stub the body it matched on, in partial mode', async () => {
    const { ada, mainUrl } = await proxying({ mode: 'partial' });
    await ada.post('/internal/services/pay/stubs', {
      request: { method: 'POST', body: { jsonPath: '$.kind', equals: 'refund' } },
      response: { kind: 'proxy', pathRewrite: { from: '/v1', to: '/v2' } },
    });
    const res = await request(`${mainUrl}/proxy/pay/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"kind":"refund"}',
    });
    expect(await res.body.json()).toMatchObject({ url: '/v2/orders', body: '{"kind":"refund"}' });
    const [entry] = await journalOf(app as App, ada, 'pay');
    expect(entry).toMatchObject({ kind: 'proxy', stubId: expect.any(String) });
    expect(entry?.body).toMatchObject({ text: '{"kind":"refund"}' });
  });

  it('answers a delayed stub of a partial service after its delay, without the upstream', async () => {
    const { ada, mainUrl } = await proxying({ mode: 'partial' });
    await ada.post('/internal/services/pay/stubs', {
      request: { path: '/slow' },
      response: { kind: 'static', text: 'stubbed', delayMs: 120 },
    });
    const started = Date.now();
    const res = await raw(mainUrl, '/proxy/pay/slow');
    expect(res.text).toBe('stubbed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(upstream?.seen).toEqual([]);
  });
});

describe('the upstream side', () => {
  it('does not pass on 1xx informational answers, only the final one', async () => {
    upstream = await startUpstream((_req, res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload' });
      res.writeHead(201, { 'content-type': 'text/plain' });
      res.end('made');
    });
    const started = await startProxyApp();
    app = started.app;
    await createService(started.ada, { name: 'pay', mode: 'proxy', upstream: upstream.url });
    const informational: number[] = [];
    const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.get(`${started.mainUrl}/proxy/pay/x`, (r) => {
        let text = '';
        r.on('data', (chunk: Buffer) => (text += chunk.toString()));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, text }));
      });
      req.on('information', (info: { statusCode: number }) => informational.push(info.statusCode));
      req.on('error', reject);
    });
    expect(res).toEqual({ status: 201, text: 'made' });
    expect(informational).toEqual([]);
  });

  it('refuses a forbidden address when connecting, for an upstream saved while it was allowed', async () => {
    upstream = await startUpstream();
    const temp = tempSqliteUrl();
    try {
      const first = await buildApp(testConfig({ db: temp.url, proxyAllow: ['127.0.0.1'] }));
      const ada = new AdminClient(first.main);
      await ada.register('ada');
      await createService(ada, { name: 'pay', mode: 'proxy', upstream: upstream.url });
      await first.close();
      app = await buildApp(testConfig({ db: temp.url, proxyAllow: [] }));
      const { mainUrl } = await app.listen();
      const res = await raw(mainUrl, '/proxy/pay/x');
      expect(res.status).toBe(502);
      const { error } = JSON.parse(res.text) as { error: { code: string; message: string } };
      expect(error.code).toBe('UPSTREAM_FORBIDDEN');
      expect(error.message).toContain('--proxy-allow=127.0.0.1');
      expect(upstream.seen).toEqual([]);
    } finally {
      await app?.close();
      app = undefined;
      temp.remove();
    }
  });
});

describe('the client side', () => {
  it('takes X-Forwarded-Proto from the client only when proxies are trusted', async () => {
    const { mainUrl } = await proxying({}, { trustProxy: true });
    await raw(mainUrl, '/proxy/pay/x', { headers: { 'x-forwarded-proto': 'https' } });
    expect(upstream?.seen[0]?.headers['x-forwarded-proto']).toBe('https');
  });

  it('forwards from the mock port for a service that claims a host, with the Host rewritten', async () => {
    const { mockUrl } = await proxying({ claims: { hosts: ['pay.test'] } });
    const res = await raw(mockUrl, '/orders?x=1', { headers: { host: 'pay.test' } });
    expect(JSON.parse(res.text)).toMatchObject({ url: '/orders?x=1' });
    expect(upstream?.seen[0]?.headers).toMatchObject({
      host: new URL(upstream?.url ?? '').host,
      'x-forwarded-host': 'pay.test',
    });
  });

  it('never sends an absolute-form request target (GET http://host/x) on to the upstream', async () => {
    const { mockUrl } = await proxying({ claims: { hosts: ['pay.test'] } });
    const res = await raw(mockUrl, 'http://elsewhere.test/x', { headers: { host: 'pay.test' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(upstream?.seen).toEqual([]);
  });
});
