import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { errorBody } from '../error-handler.js';
import type { MockAnswer } from './mock-answer.js';

type Extra = Readonly<Record<string, string>>;

const asBuffer = (bytes: Uint8Array) =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Writes a stub or no-match answer (faults cut the socket instead); the stub's headers win. */
export function writeAnswer(req: IncomingMessage, res: ServerResponse, answer: MockAnswer, extra: Extra) {
  if (answer.fault === 'connection-reset') return void req.socket.resetAndDestroy();
  if (answer.fault === 'empty-response') return void req.socket.end();
  res.writeHead(answer.status, { ...extra, ...answer.headers } as OutgoingHttpHeaders);
  res.end(asBuffer(answer.body));
}

/**
 * Writes the JSON error envelope. `close` when the client may still be sending a body nobody will
 * read: the connection cannot carry another request after it.
 */
export function writeError(
  res: ServerResponse,
  failure: { status: number; code: string; message: string },
  extra: Extra,
  close: boolean,
): void {
  const headers: OutgoingHttpHeaders = { ...extra, 'content-type': 'application/json' };
  if (close) headers.connection = 'close';
  res.writeHead(failure.status, headers);
  res.end(JSON.stringify(errorBody(failure.code, failure.message)));
}
