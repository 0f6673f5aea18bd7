import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HandlerRunner } from '../../core/ports/index.js';
import type { RandomSource } from '../../core/responses/plan-static-response.js';
import type { JournalWriter } from '../../services/journal-writer.js';
import type { LiveService } from '../../services/mock-registry.js';
import { decide } from '../../services/serve-mock.js';
import { answerDecision, journalAnswer, type MockAnswer } from './mock-answer.js';
import type { ProxyForwarder } from './proxy-forwarder.js';
import { toSnapshot } from './to-snapshot.js';

export interface MockResponderDeps {
  journal: JournalWriter;
  handlers: HandlerRunner;
  random: RandomSource;
  /** Headers added to every mock answer (the CSP sandbox on the main port). */
  extraHeaders: Readonly<Record<string, string>>;
  /** Forwards proxy decisions to the upstream (issue 5). */
  proxy: ProxyForwarder;
}

/** Writes a stub or no-match answer through Fastify (faults cut the socket instead). */
function sendAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: MockAnswer,
  deps: MockResponderDeps,
): void {
  if (answer.fault) {
    reply.hijack();
    if (answer.fault === 'connection-reset') request.raw.socket.resetAndDestroy();
    else request.raw.socket.end();
    return;
  }
  const { body } = answer;
  void reply
    .code(answer.status)
    .headers(deps.extraHeaders)
    .headers(answer.headers as Record<string, string | string[]>)
    .send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}

/**
 * Serves one mock request for `live`, whose own path (after any prefix) is `path`, on the Fastify
 * routes: services that may forward come here (reply-from streams), the rest is usually answered
 * by the fast listener ahead of Fastify; both share the answers of mock-answer.ts.
 */
export async function respondToMock(
  request: FastifyRequest,
  reply: FastifyReply,
  live: LiveService,
  path: string,
  search: string,
  deps: MockResponderDeps,
): Promise<void> {
  const started = performance.now();
  const snapshot = toSnapshot(request, path, search);
  const decision = decide(live, snapshot);
  let answer: MockAnswer;
  if (decision.kind === 'proxy') {
    const outcome = await deps.proxy.forward(decision, live, snapshot, request, reply, deps.extraHeaders);
    answer = { ...outcome, fault: null };
  } else {
    answer = await answerDecision(decision, live, snapshot, deps.handlers, deps.random);
    sendAnswer(request, reply, answer, deps);
  }
  journalAnswer(deps.journal, live, snapshot, answer, performance.now() - started);
}
