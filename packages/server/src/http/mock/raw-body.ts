import type { FastifyInstance } from 'fastify';

/**
 * Mock traffic is not admin input: every body is taken as raw bytes, whatever its content type, so
 * a body that is not valid JSON is still served and text predicates can still match it.
 */
export function acceptRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}
