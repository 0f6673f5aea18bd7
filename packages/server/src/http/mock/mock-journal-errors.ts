import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { JournalWriter } from '../../services/journal-writer.js';
import { toErrorReply } from '../error-handler.js';

/**
 * Mock requests refused before a stub could be chosen (a body over the cap, a broken upload) are
 * answered with the error envelope and still journaled, so the user sees them.
 */
export function journalRefusal(
  journal: JournalWriter,
  service: string | undefined,
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  extraHeaders: Readonly<Record<string, string>>,
): void {
  const { status, body } = toErrorReply(error);
  if (status >= 500) request.log.error({ err: error }, 'mock request failed');
  if (service) {
    const q = request.url.indexOf('?');
    journal.record({
      service,
      receivedAt: Date.now(),
      method: request.method,
      path: q < 0 ? request.url : request.url.slice(0, q),
      status,
      stubId: null,
      entry: {
        query: {},
        headers: request.headers,
        body: null,
        kind: 'error',
        stubName: null,
        latencyMs: 0,
        nearMisses: [],
        response: { headers: {}, body: null },
        error: body.error.message,
      },
    });
  }
  void reply.code(status).headers(extraHeaders).type('application/json').send(body);
}
