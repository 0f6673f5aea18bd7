import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type UpstreamHandler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

/** A real service for the proxy to forward to: a bare node:http server that can be stopped and restarted. */
export interface RealUpstream {
  /** http://127.0.0.1:<port>, the same across restarts. */
  readonly url: string;
  /** Requests it has answered since it first started. */
  readonly hits: number;
  /** Stops answering: connections are closed and the port is freed. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts an upstream on a free port of 127.0.0.1 (allowed by the e2e server's --proxy-allow). */
export async function startRealUpstream(handler: UpstreamHandler): Promise<RealUpstream> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      hits++;
      handler(req, Buffer.concat(chunks).toString('utf8'), res);
    });
  });
  const port = await listen(server, 0);
  return {
    url: `http://127.0.0.1:${port}`,
    get hits() {
      return hits;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    restart: async () => {
      await listen(server, port);
    },
  };
}
