import http from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import type { App } from '../../app.js';
import type { AdminClient } from '../../testing/admin-client.js';
import { createService, startProxyApp, startUpstream, type TestUpstream } from './proxy-upstream.fixture.js';

let app: App;
let ada: AdminClient;
let mainUrl: string;
let upstream: TestUpstream;

beforeEach(async () => {
  upstream = await startUpstream((req, res, body) => {
    if (req.url === '/set-cookies') {
      res.setHeader('set-cookie', ['understudy_session=evil; Path=/', 'theirs=1; Path=/']);
    }
    if (req.url === '/big-header') res.setHeader('x-big', 'b'.repeat(12_000));
    res.writeHead(200, {
      'content-type': 'application/json',
      connection: 'keep-alive, x-hop',
      'x-hop': 'should not pass',
      'keep-alive': 'timeout=17, max=3',
    });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ headers: req.headers, body, url: req.url }));
  });
  ({ app, ada, mainUrl } = await startProxyApp());
  await createService(ada, { name: 'pay', mode: 'proxy', upstream: upstream.url });
});
afterEach(async () => {
  await app.close();
  await upstream.close();
});

const seenHeaders = () => upstream.seen.at(-1)?.headers ?? {};

/** A raw HTTP/1.1 request, so hop-by-hop headers and Expect reach the server exactly as written. */
function rawCall(
  path: string,
  options: http.RequestOptions,
  body?: Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; continued: boolean }> {
  const { hostname, port } = new URL(mainUrl);
  return new Promise((resolve, reject) => {
    let continued = false;
    const req = http.request({ hostname, port, path, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString(),
          continued,
        }),
      );
    });
    req.on('error', reject);
    req.on('continue', () => {
      continued = true;
      req.end(body);
    });
    if (!options.headers || !('expect' in options.headers)) req.end(body);
  });
}

describe('request headers going upstream', () => {
  it('drops hop-by-hop headers and those named by Connection, and adds X-Forwarded-*', async () => {
    await rawCall('/proxy/pay/h', {
      headers: {
        connection: 'keep-alive, x-private-hop',
        'x-private-hop': 'secret',
        'keep-alive': 'timeout=5',
        te: 'trailers',
        'proxy-authorization': 'Basic eA==',
        'x-forwarded-for': '203.0.113.9',
        'x-kept': 'yes',
        host: 'shop.example:8080',
      },
    });
    const headers = seenHeaders();
    for (const name of ['x-private-hop', 'keep-alive', 'te', 'proxy-authorization']) {
      expect(headers[name]).toBeUndefined();
    }
    expect(headers['x-kept']).toBe('yes');
    expect(headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-host']).toBe('shop.example:8080');
    expect(headers.host).toBe(`127.0.0.1:${upstream.port}`);
  });

  it("keeps the client's Host when the service says so", async () => {
    await ada.patch('/internal/services/pay', { proxy: { keepHost: true } });
    await rawCall('/proxy/pay/h', { headers: { host: 'shop.example' } });
    expect(seenHeaders().host).toBe('shop.example');
  });

  it("never sends Understudy's session cookie or API token upstream, but keeps the client's own", async () => {
    const token = (await ada.post('/internal/tokens', { name: 'ci' })).json().token as string;
    await rawCall('/proxy/pay/h', {
      headers: {
        cookie: `a=1; understudy_session=${ada.cookie?.split('=')[1] ?? 'x'}; b=2`,
        authorization: `Bearer ${token}`,
      },
    });
    expect(seenHeaders().cookie).toBe('a=1; b=2');
    expect(seenHeaders().authorization).toBeUndefined();
    await rawCall('/proxy/pay/h', {
      headers: { cookie: 'understudy_session=x', authorization: 'Bearer theirs' },
    });
    expect(seenHeaders().cookie).toBeUndefined();
    expect(seenHeaders().authorization).toBe('Bearer theirs');
  });

  it('passes large headers both ways', async () => {
    const res = await rawCall('/proxy/pay/big-header', { headers: { 'x-large': 'a'.repeat(12_000) } });
    expect(res.status).toBe(200);
    expect(seenHeaders()['x-large']).toHaveLength(12_000);
    expect(res.headers['x-big']).toHaveLength(12_000);
  });

  it('answers Expect: 100-continue itself and forwards the body without the Expect header', async () => {
    const body = Buffer.from('{"after":"continue"}');
    const res = await rawCall(
      '/proxy/pay/upload',
      { method: 'POST', headers: { expect: '100-continue', 'content-length': body.length } },
      body,
    );
    expect(res.continued).toBe(true);
    expect(res.status).toBe(200);
    expect(upstream.seen.at(-1)?.body).toBe('{"after":"continue"}');
    expect(seenHeaders().expect).toBeUndefined();
  });

  it('streams a chunked request body upstream as it arrives', async () => {
    const res = await request(`${mainUrl}/proxy/pay/chunked`, {
      method: 'POST',
      body: Readable.from(
        (async function* () {
          yield 'part one, ';
          // Still arriving when the upstream request starts, so its length is unknown: chunked.
          await new Promise((resolve) => setTimeout(resolve, 200));
          yield 'part two';
        })(),
      ),
    });
    await res.body.dump();
    expect(upstream.seen.at(-1)?.body).toBe('part one, part two');
    expect(seenHeaders()['transfer-encoding']).toBe('chunked');
  });
});

describe('response headers coming back', () => {
  it('drops hop-by-hop headers of the upstream and keeps its others', async () => {
    const res = await rawCall('/proxy/pay/h', {});
    expect(res.headers['x-hop']).toBeUndefined();
    // Node's server sends its own Keep-Alive for the client's connection, never the upstream's.
    expect(res.headers['keep-alive']).not.toBe('timeout=17, max=3');
    expect(res.headers['content-type']).toBe('application/json');
  });

  it("removes an upstream's attempt to set Understudy's session cookie", async () => {
    const res = await rawCall('/proxy/pay/set-cookies', {});
    expect(res.headers['set-cookie']).toEqual(['theirs=1; Path=/']);
  });

  it('answers HEAD with the headers only', async () => {
    const res = await rawCall('/proxy/pay/h', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(upstream.seen.at(-1)?.method).toBe('HEAD');
  });
});
