import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../../app.js';
import { AdminClient } from '../../testing/admin-client.js';
import { testConfig } from '../../testing/test-config.js';
import type { Config } from '../../config/config.js';

/** What the upstream saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real node:http upstream on 127.0.0.1 that records what reaches it. */
export interface TestUpstream {
  readonly url: string;
  readonly port: number;
  readonly seen: SeenRequest[];
  readonly server: http.Server;
  close(): Promise<void>;
}

export type UpstreamHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** Echoes what it got as JSON: method, url, headers and body. */
export const echo: UpstreamHandler = (req, res, body) => {
  res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'yes' });
  res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
};

/** Starts an upstream; `buffer: false` hands the handler the request unread (for streaming tests). */
export async function startUpstream(handler: UpstreamHandler = echo, buffer = true): Promise<TestUpstream> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    if (!buffer) {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: '' });
      handler(req, res, '');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An app on real sockets that may reach 127.0.0.1, with a signed-in owner "ada". */
export async function startProxyApp(
  overrides: Partial<Config> = {},
): Promise<{ app: App; ada: AdminClient; mainUrl: string; mockUrl: string }> {
  const app = await buildApp(testConfig({ proxyAllow: ['127.0.0.1'], ...overrides }));
  const ada = new AdminClient(app.main);
  await ada.register('ada');
  const { mainUrl, mockUrl } = await app.listen();
  return { app, ada, mainUrl, mockUrl };
}

/** Creates a service through the API and fails the test with the answer when it is refused. */
export async function createService(ada: AdminClient, body: Record<string, unknown>): Promise<void> {
  const res = await ada.post('/internal/services', body);
  if (res.statusCode !== 201) throw new Error(`create service: ${res.statusCode} ${res.body}`);
}

/** The journal of a service, newest first, once pending writes are in. */
export async function journalOf(app: App, ada: AdminClient, service: string) {
  await app.journal.flush();
  return (await ada.get(`/internal/services/${service}/requests?limit=100`)).json().items as Record<
    string,
    unknown
  >[];
}
