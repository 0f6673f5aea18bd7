import http from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import type { AdminClient } from '../../testing/admin-client.js';
import {
  createService,
  journalOf,
  startProxyApp,
  startUpstream,
  type TestUpstream,
} from './proxy-upstream.fixture.js';

// DESIGN §5: bodies stream straight through with constant memory whatever their size. Client,
// Understudy and upstream share this process, so its RSS covers all three.
const GIB = 1024 ** 3;
const CHUNK = Buffer.alloc(64 * 1024, 'u');
const MAX_GROWTH = 100 * 1024 * 1024;

let app: App;
let ada: AdminClient;
let mainUrl: string;
let upstream: TestUpstream;
/** Bytes the upstream has handed to its socket for /slow. */
let sentToSlow = 0;

/** `total` bytes without allocating per chunk (the same buffer is pushed again and again). */
function source(total: number): Readable {
  let left = total;
  return new Readable({
    read() {
      const n = Math.min(left, CHUNK.length);
      left -= n;
      this.push(n === 0 ? null : n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n));
    },
  });
}

beforeAll(async () => {
  upstream = await startUpstream((req, res) => {
    if (req.method === 'POST') {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => res.end(JSON.stringify({ bytes })));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': GIB });
    const body = source(GIB);
    if (req.url === '/slow') body.on('data', (chunk: Buffer) => (sentToSlow += chunk.length));
    body.pipe(res);
  }, false);
  ({ app, ada, mainUrl } = await startProxyApp());
  await createService(ada, { name: 'big', mode: 'proxy', upstream: upstream.url });
});
afterAll(async () => {
  await app.close();
  await upstream.close();
});

/** Runs `transfer` while sampling RSS; returns the result and the peak growth over the start. */
async function watchingRss<T>(
  transfer: () => Promise<T>,
): Promise<{ result: T; growth: number; mbps: number }> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const began = performance.now();
  try {
    const result = await transfer();
    const seconds = (performance.now() - began) / 1000;
    return { result, growth: peak - start, mbps: GIB / 1024 / 1024 / seconds };
  } finally {
    clearInterval(timer);
  }
}

function upload(): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(mainUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname, port, path: '/proxy/big/sink', method: 'POST', headers: { 'content-length': GIB } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    source(GIB).pipe(req);
  });
}

function download(): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${mainUrl}/proxy/big/source`, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve(bytes));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('streaming 1 GiB through the proxy', () => {
  it('uploads 1 GiB with flat memory, and journals only the start of it', { timeout: 180_000 }, async () => {
    const { result, growth, mbps } = await watchingRss(upload);
    console.log(`upload 1 GiB: ${mbps.toFixed(0)} MB/s, RSS growth ${(growth / 2 ** 20).toFixed(1)} MB`);
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual({ bytes: GIB });
    expect(growth).toBeLessThan(MAX_GROWTH);
    const [entry] = await journalOf(app, ada, 'big');
    expect(entry?.body).toMatchObject({ size: GIB, truncated: true });
  });

  it('downloads 1 GiB with flat memory', { timeout: 180_000 }, async () => {
    const { result, growth, mbps } = await watchingRss(download);
    console.log(`download 1 GiB: ${mbps.toFixed(0)} MB/s, RSS growth ${(growth / 2 ** 20).toFixed(1)} MB`);
    expect(result).toBe(GIB);
    expect(growth).toBeLessThan(MAX_GROWTH);
  });

  it('holds the upstream back while a slow client is not reading (backpressure, no buffering)', async () => {
    const { client, response } = await new Promise<{
      client: http.ClientRequest;
      response: http.IncomingMessage;
    }>((resolve) => {
      const client = http.get(`${mainUrl}/proxy/big/slow`, (response) => {
        response.pause();
        resolve({ client, response });
      });
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // Only what fits in the socket buffers along the way has left the upstream, not the gigabyte.
      expect(sentToSlow).toBeLessThan(64 * 1024 * 1024);
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.resume();
      await expect.poll(() => bytes).toBeGreaterThan(0);
    } finally {
      client.destroy();
    }
  });
});
