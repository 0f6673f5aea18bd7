import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CapturedBody, HandlerTrace, JournalEntry, NearMiss } from '@understudy/contracts';
import type { HandlerRunner } from '../../core/ports/index.js';
import { runPythonStub } from '../../services/run-python-stub.js';
import { captureBody } from '../../core/mocking/capture-body.js';
import type { RequestSnapshot } from '../../core/matching/request-snapshot.js';
import type { StaticResponsePlan } from '../../core/responses/static-response.js';
import { planStaticResponse, type RandomSource } from '../../core/responses/plan-static-response.js';
import type { JournalWriter } from '../../services/journal-writer.js';
import type { LiveService } from '../../services/mock-registry.js';
import { decide, type MockDecision } from '../../services/serve-mock.js';
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

type Outcome = Pick<JournalEntry, 'kind' | 'status' | 'stubId' | 'stubName'> & {
  nearMisses: readonly NearMiss[];
  handler?: HandlerTrace;
  headers: Record<string, string | string[]>;
  body: Uint8Array;
  error?: string;
  /** Bodies captured while streaming (a forwarded call): they replace the snapshot's and `body`. */
  captured?: { request: CapturedBody | null; response: CapturedBody | null };
};

/** Serves one mock request for `live`, whose own path (after any prefix) is `path`. */
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
  const outcome = await carryOut(decision, live, snapshot, request, reply, deps);
  record(deps.journal, live, snapshot, outcome, performance.now() - started);
}

async function carryOut(
  decision: MockDecision,
  live: LiveService,
  snapshot: RequestSnapshot,
  request: FastifyRequest,
  reply: FastifyReply,
  deps: MockResponderDeps,
): Promise<Outcome> {
  if (decision.kind === 'unmatched') return sendNoMatch(live, snapshot, decision.nearMisses, reply, deps);
  if (decision.kind === 'stub' && decision.stub.response.kind === 'static') {
    const plan = planStaticResponse(decision.stub.response, deps.random);
    const stub = { stubId: decision.stub.id, stubName: decision.stub.name };
    return sendStatic(plan, request, reply, deps, stub);
  }
  if (decision.kind === 'stub' && decision.stub.response.kind === 'python') {
    const { stub, params } = decision;
    const answer = await runPythonStub(deps.handlers, stub, decision.stub.response, snapshot, params);
    void reply
      .code(answer.status)
      .headers(deps.extraHeaders)
      .headers(answer.headers)
      .send(Buffer.from(answer.body));
    const base = { kind: 'stub' as const, stubId: stub.id, stubName: stub.name, nearMisses: [] };
    return {
      ...base,
      status: answer.status,
      headers: answer.headers,
      body: answer.body,
      handler: answer.trace,
      ...(answer.error !== undefined && { error: answer.error }),
    };
  }
  if (decision.kind === 'proxy')
    return deps.proxy.forward(decision, live, snapshot, request, reply, deps.extraHeaders);
  // decide() turns every stub with a proxy response into a proxy decision, so nothing is left here.
  throw new Error(`unexpected ${decision.stub.response.kind} stub decision`);
}

async function sendStatic(
  plan: StaticResponsePlan,
  request: FastifyRequest,
  reply: FastifyReply,
  deps: MockResponderDeps,
  stub: { stubId: string; stubName: string | null },
): Promise<Outcome> {
  if (plan.delayMs > 0) await sleep(plan.delayMs);
  const base = { kind: 'stub' as const, ...stub, nearMisses: [], headers: {}, body: new Uint8Array(0) };
  if (plan.fault === 'connection-reset') {
    reply.hijack();
    request.raw.socket.resetAndDestroy();
    return { ...base, status: 0, error: 'fault: connection reset' };
  }
  if (plan.fault === 'empty-response') {
    reply.hijack();
    request.raw.socket.end();
    return { ...base, status: 0, error: 'fault: empty response' };
  }
  void reply
    .code(plan.status)
    .headers(deps.extraHeaders)
    .headers(plan.headers as Record<string, string | string[]>)
    .send(Buffer.from(plan.body.buffer, plan.body.byteOffset, plan.body.byteLength));
  return {
    ...base,
    status: plan.status,
    headers: plan.headers as Record<string, string | string[]>,
    body: plan.body,
  };
}

function sendNoMatch(
  live: LiveService,
  snapshot: RequestSnapshot,
  nearMisses: Outcome['nearMisses'],
  reply: FastifyReply,
  deps: MockResponderDeps,
): Outcome {
  const { name } = live.record;
  const message = `No stub of service "${name}" matches ${snapshot.method} ${snapshot.path}`;
  const payload = {
    error: { code: 'NO_STUB_MATCHED', message, details: [] },
    service: name,
    request: { method: snapshot.method, path: snapshot.path },
    nearMisses,
  };
  const body = Buffer.from(JSON.stringify(payload));
  void reply.code(404).headers(deps.extraHeaders).type('application/json').send(body);
  return { kind: 'unmatched', status: 404, stubId: null, stubName: null, nearMisses, headers: {}, body };
}

function record(
  journal: JournalWriter,
  live: LiveService,
  snapshot: RequestSnapshot,
  outcome: Outcome,
  latencyMs: number,
): void {
  const cap = live.record.journal.bodyCapBytes;
  const receivedAt = Date.now();
  journal.record({
    service: live.record.name,
    receivedAt,
    method: snapshot.method,
    path: snapshot.path,
    status: outcome.status,
    stubId: outcome.stubId,
    entry: {
      query: snapshot.query,
      headers: snapshot.headers,
      body: outcome.captured ? outcome.captured.request : captureBody(snapshot.body, cap),
      kind: outcome.kind,
      stubName: outcome.stubName,
      latencyMs: Math.round(latencyMs * 1000) / 1000,
      nearMisses: outcome.nearMisses,
      response: {
        headers: outcome.headers,
        body: outcome.captured ? outcome.captured.response : captureBody(outcome.body, cap),
      },
      handler: outcome.handler ?? null,
      ...(outcome.error !== undefined && { error: outcome.error }),
    },
  });
}
