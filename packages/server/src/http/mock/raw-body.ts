import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

/**
 * Mock traffic is not admin input: every body is taken as raw bytes, whatever its content type, so
 * a body that is not valid JSON is still served and text predicates can still match it.
 */
export function acceptRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}

export const EMPTY = new Uint8Array(0);

export class BodyTooLarge extends Error {}

/**
 * Reads a body that stubs must match on, on the node:http fast paths. Over the limit the rest is read
 * and dropped rather than the socket cut, so the client is still there to read the 413.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once('end', () => {
      if (size > limit) reject(new BodyTooLarge());
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    });
    req.once('error', reject);
  });
}
