import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

const NOT_BUILT = `<!doctype html><title>Understudy</title>
<p>The web app is not built yet. Run <code>npm run build</code> (or <code>npm start</code>) and reload.</p>`;

/** Serves the built web app under /ui/; unknown /ui/ paths get index.html so client routes work. */
export const uiRoutes: FastifyPluginAsync<{ webRoot: string }> = async (app, { webRoot }) => {
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/ui/'));
  const index = path.join(webRoot, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/ui/*', { schema: { hide: true } }, (_request, reply) =>
      reply.code(503).type('text/html').send(NOT_BUILT),
    );
    return;
  }
  await app.register(fastifyStatic, { root: webRoot, prefix: '/ui/', wildcard: false, index: 'index.html' });
  app.get('/ui/*', { schema: { hide: true } }, (_request, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html'),
  );
};
