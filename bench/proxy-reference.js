// The floor of the library the proxy is built on: Fastify + @fastify/reply-from forwarding every
// request to UPSTREAM, with no matching, no journal and no header rules. bench/proxy.js measures
// it next to Understudy so the ratio can be read against what the stack itself costs.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../packages/server/package.json', import.meta.url));
const Fastify = require('fastify');
const replyFrom = require('@fastify/reply-from');

const upstream = process.env.UPSTREAM;
const app = Fastify({ logger: false });
await app.register(replyFrom, { disableRequestLogging: true });
app.all('/*', (request, reply) => reply.from(`${upstream}${request.url}`, { retryDelay: () => null }));
const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`reference listening ${new URL(address).port}`);
