import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { buildApp, type App } from '../../app.js';
import { tempSqliteUrl } from '../../testing/temp-sqlite.js';
import { testConfig } from '../../testing/test-config.js';
import type { AdminClient } from '../../testing/admin-client.js';
import {
  createService,
  journalOf,
  startProxyApp,
  startUpstream,
  type TestUpstream,
} from './proxy-upstream.fixture.js';

let app: App | undefined;
let upstream: TestUpstream | undefined;

afterEach(async () => {
  await app?.close();
  await upstream?.close();
  app = upstream = undefined;
});

async function setUp(handler: Parameters<typeof startUpstream>[0], service: Record<string, unknown> = {}) {
  upstream = await startUpstream(handler, false);
  const started = await startProxyApp();
  app = started.app;
  await createService(started.ada, { name: 'pay', mode: 'proxy', upstream: upstream.url, ...service });
  return started;
}

function nextEvent(emitter: NodeJS.EventEmitter, event: string): Promise<void> {
  return new Promise((resolve) => emitter.once(event, () => resolve()));
}

describe('upstream failures', () => {
  it('answers 502 UPSTREAM_UNREACHABLE naming the service and the upstream when nothing listens', async () => {
    const gone = await startUpstream();
    await gone.close();
    const started = await startProxyApp();
    app = started.app;
    await createService(started.ada, { name: 'pay', mode: 'proxy', upstream: gone.url });
    const res = await request(`${started.mainUrl}/proxy/pay/orders`);
    expect(res.statusCode).toBe(502);
    const body = (await res.body.json()) as { error: { code: string; message: string; details: unknown[] } };
    expect(body.error.code).toBe('UPSTREAM_UNREACHABLE');
    expect(body.error.message).toContain('"pay"');
    expect(body.error.message).toContain(`${gone.url}/orders`);
    expect(body.error.message).toContain('refused the connection');
    expect(body.error.details).toEqual([]);
    const [entry] = await journalOf(app, started.ada, 'pay');
    expect(entry).toMatchObject({ kind: 'error', status: 502, error: body.error.message });
  });

  it('answers 504 UPSTREAM_TIMEOUT after the service timeout when the upstream is too slow', async () => {
    const { mainUrl } = await setUp(
      (_req, res) => {
        setTimeout(() => res.end('late'), 3000).unref();
      },
      { proxy: { timeoutMs: 300 } },
    );
    const started = Date.now();
    const res = await request(`${mainUrl}/proxy/pay/slow`);
    const body = (await res.body.json()) as { error: { code: string; message: string } };
    expect(res.statusCode).toBe(504);
    expect(body.error.code).toBe('UPSTREAM_TIMEOUT');
    expect(body.error.message).toMatch(/"pay".*slow.*within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers 502 when the upstream drops the connection before answering', async () => {
    const { mainUrl } = await setUp((req) => req.socket.destroy());
    const res = await request(`${mainUrl}/proxy/pay/x`);
    expect(res.statusCode).toBe(502);
    expect(((await res.body.json()) as { error: { code: string } }).error.code).toBe('UPSTREAM_UNREACHABLE');
  });
});

describe('a client that goes away', () => {
  it('aborts the upstream request while the upstream has not answered yet', async () => {
    let upstreamClosed: Promise<void> | undefined;
    const arrived = new Promise<void>((resolve) => {
      void setUp((_req, res) => {
        upstreamClosed = nextEvent(res, 'close');
        resolve();
      }).then(({ mainUrl }) => {
        const client = http.get(`${mainUrl}/proxy/pay/wait`);
        client.on('error', () => undefined);
        void arrived.then(() => client.destroy());
      });
    });
    await arrived;
    await upstreamClosed;
  });

  it('aborts the upstream response mid-stream and journals why', async () => {
    let upstreamClosed: Promise<void> | undefined;
    const { mainUrl, ada } = await setUp((_req, res) => {
      upstreamClosed = nextEvent(res, 'close');
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first chunk');
    });
    await new Promise<void>((resolve) => {
      const client = http.get(`${mainUrl}/proxy/pay/stream`, (res) => {
        res.once('data', () => {
          client.destroy();
          resolve();
        });
      });
      client.on('error', () => undefined);
    });
    await upstreamClosed;
    await expect
      .poll(async () => (await journalOf(app as App, ada, 'pay'))[0]?.error)
      .toMatch(/client disconnected/);
  });

  it('aborts the upstream request when the client stops mid-upload', async () => {
    let upstreamClosed: Promise<void> | undefined;
    const arrived = new Promise<void>((resolve) => {
      void setUp((req) => {
        upstreamClosed = nextEvent(req, 'close');
        req.once('data', () => resolve());
      }).then(({ mainUrl }) => {
        const { hostname, port } = new URL(mainUrl);
        const client = http.request({ hostname, port, path: '/proxy/pay/upload', method: 'POST' });
        client.on('error', () => undefined);
        client.write('x'.repeat(100_000));
        void arrived.then(() => client.destroy());
      });
    });
    await arrived;
    await upstreamClosed;
  });
});

describe('the SSRF guard', () => {
  async function refusedAtSave(ada: AdminClient, upstreamUrl: string) {
    const res = await ada.post('/internal/services', { name: 'svc', mode: 'proxy', upstream: upstreamUrl });
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as { error: { code: string; message: string; details: { path: string }[] } };
    expect(error.code).toBe('UPSTREAM_FORBIDDEN');
    expect(error.details[0]?.path).toBe('/body/upstream');
    expect(error.message).toContain('--proxy-allow=');
    return error.message;
  }

  it('refuses loopback, link-local, metadata, private and unspecified upstreams when saved', async () => {
    const started = await startProxyApp({ proxyAllow: [] });
    app = started.app;
    expect(await refusedAtSave(started.ada, 'http://127.0.0.1:8080')).toContain('loopback');
    expect(await refusedAtSave(started.ada, 'http://localhost:8080')).toContain('--proxy-allow=localhost');
    expect(await refusedAtSave(started.ada, 'http://169.254.169.254/latest')).toContain('metadata');
    expect(await refusedAtSave(started.ada, 'http://10.1.2.3')).toContain('private');
    expect(await refusedAtSave(started.ada, 'http://[::ffff:192.168.0.1]')).toContain('private');
    expect(await refusedAtSave(started.ada, 'http://0.0.0.0:80')).toContain('unspecified');
    await createService(started.ada, { name: 'pay' });
    const patched = await started.ada.patch('/internal/services/pay', { upstream: 'http://[::1]:9' });
    expect(patched.statusCode).toBe(400);
  });

  it('refuses a forbidden address at connect time too (a proxy stub saved while it was allowed)', async () => {
    upstream = await startUpstream();
    const { url: db } = tempSqliteUrl();
    const before = await startProxyApp({ db, proxyAllow: ['127.0.0.1'] });
    await createService(before.ada, { name: 'pay' });
    const saved = await before.ada.post('/internal/services/pay/stubs', {
      request: {},
      response: { kind: 'proxy', upstream: upstream.url },
    });
    expect(saved.statusCode).toBe(201);
    await before.app.close();
    // 127.0.0.1 is taken off the allow-list: the stored stub is judged again when it connects.
    app = await buildApp(testConfig({ db, proxyAllow: [] }));
    const { mainUrl } = await app.listen();
    const res = await request(`${mainUrl}/proxy/pay/x`);
    expect(res.statusCode).toBe(502);
    const { error } = (await res.body.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('UPSTREAM_FORBIDDEN');
    expect(error.message).toContain('--proxy-allow=127.0.0.1');
    expect(upstream.seen).toEqual([]);
  });

  it('lets an allow-listed private upstream through by CIDR', async () => {
    upstream = await startUpstream();
    const started = await startProxyApp({ proxyAllow: ['127.0.0.0/8'] });
    app = started.app;
    await createService(started.ada, { name: 'pay', mode: 'proxy', upstream: upstream.url });
    expect((await request(`${started.mainUrl}/proxy/pay/x`)).statusCode).toBe(200);
  });
});

describe('an upstream that answers slowly or breaks off', () => {
  it('passes the headers on at once when the body is slow to come (server-sent events)', async () => {
    const { mainUrl } = await setUp((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      setTimeout(() => res.end('data: late\n\n'), 800).unref();
    });
    const started = Date.now();
    const res = await request(`${mainUrl}/proxy/pay/events`);
    expect(Date.now() - started).toBeLessThan(600);
    expect(res.headers['content-type']).toBe('text/event-stream');
    expect(await res.body.text()).toBe('data: late\n\n');
  });

  it('cuts the client off and journals once when the upstream drops mid-body', async () => {
    const { mainUrl, ada } = await setUp((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 100 });
      res.write('partial');
      setTimeout(() => req.socket.destroy(), 100).unref();
    });
    const res = await request(`${mainUrl}/proxy/pay/cut`);
    expect(res.statusCode).toBe(200);
    await expect(res.body.text()).rejects.toThrow();
    await expect.poll(async () => (await journalOf(app as App, ada, 'pay')).length).toBe(1);
    const [entry] = await journalOf(app as App, ada, 'pay');
    expect(entry).toMatchObject({ kind: 'error', status: 200 });
    expect(entry?.error).toMatch(/closed the connection|failed/);
  });
});
