// Floors of the stack the proxy is built on, forwarding every request to UPSTREAM with no matching,
// no journal and no header rules; bench/proxy.js measures them next to Understudy so its ratio can
// be read against what the libraries themselves cost.
//   REFERENCE=reply-from (default): Fastify + @fastify/reply-from (what the Fastify route uses).
//   REFERENCE=dispatch: node:http + undici's dispatch API (what the fast path uses).
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../packages/server/package.json', import.meta.url));
const upstream = process.env.UPSTREAM;

async function replyFrom() {
  const Fastify = require('fastify');
  const replyFromPlugin = require('@fastify/reply-from');
  const app = Fastify({ logger: false });
  await app.register(replyFromPlugin, { disableRequestLogging: true });
  app.all('/*', (request, reply) => reply.from(`${upstream}${request.url}`, { retryDelay: () => null }));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return new URL(address).port;
}

/** One forwarded call as an undici dispatch handler: the response streams back with backpressure. */
class Forwarded {
  constructor(res) {
    this.res = res;
  }
  onConnect() {}
  onHeaders(status, raw, resume) {
    this.res.writeHead(status, this.util.parseHeaders(raw));
    this.resume = resume;
    return true;
  }
  onData(chunk) {
    if (this.res.write(chunk)) return true;
    this.res.once('drain', this.resume);
    return false;
  }
  onComplete() {
    this.res.end();
  }
  onError() {
    if (!this.res.headersSent) this.res.writeHead(502);
    this.res.end();
  }
}

async function dispatch() {
  const { Agent, util } = require('undici');
  Forwarded.prototype.util = util;
  const agent = new Agent();
  const { origin } = new URL(upstream);
  const server = http.createServer((req, res) => {
    const body = req.headers['content-length'] || req.headers['transfer-encoding'] ? req : null;
    const { connection: _c, 'transfer-encoding': _t, ...headers } = req.headers;
    agent.dispatch({ origin, path: req.url, method: req.method, headers, body }, new Forwarded(res));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.address().port;
}

const port = process.env.REFERENCE === 'dispatch' ? await dispatch() : await replyFrom();
console.log(`reference listening ${port}`);
