import { setTimeout as sleep } from 'node:timers/promises';
import type { CapturedBody, HandlerTrace, JournalEntry, NearMiss } from '@understudy/contracts';
import type { RequestSnapshot } from '../../core/matching/request-snapshot.js';
import type { HandlerRunner } from '../../core/ports/index.js';
import { planStaticResponse, type RandomSource } from '../../core/responses/plan-static-response.js';
import type { StaticResponsePlan } from '../../core/responses/static-response.js';
import type { CompiledStub } from '../../core/matching/compile-stub.js';
import type { JournalWriter } from '../../services/journal-writer.js';
import type { LiveService } from '../../services/mock-registry.js';
import { runPythonStub, type PythonAnswer } from '../../services/run-python-stub.js';
import type { MockDecision } from '../../services/serve-mock.js';
import { markConstant, MockCallRecord } from './mock-call-record.js';

/** What a mock call was answered with: written to the client by the edge, then journaled. */
export interface MockAnswer extends Pick<JournalEntry, 'kind' | 'status' | 'stubId' | 'stubName'> {
  nearMisses: readonly NearMiss[];
  headers: Readonly<Record<string, string | readonly string[]>>;
  body: Uint8Array;
  fault: StaticResponsePlan['fault'];
  handler?: HandlerTrace;
  error?: string;
  /** Bodies captured while streaming (a forwarded call): they replace the snapshot's and `body`. */
  captured?: { request: CapturedBody | null; response: CapturedBody | null };
}

export type AnswerableDecision = Exclude<MockDecision, { kind: 'proxy' }>;

const JSON_HEADERS = Object.freeze({ 'content-type': 'application/json' });
const NO_HEADERS = Object.freeze({});
const NO_NEAR_MISSES: readonly NearMiss[] = Object.freeze([]);
const FAULT_STATUS = 0;
const NO_BODY = new Uint8Array(0);

function noMatch(live: LiveService, snapshot: RequestSnapshot, nearMisses: readonly NearMiss[]): MockAnswer {
  const { name } = live.record;
  const message = `No stub of service "${name}" matches ${snapshot.method} ${snapshot.path}`;
  const payload = {
    error: { code: 'NO_STUB_MATCHED', message, details: [] },
    service: name,
    request: { method: snapshot.method, path: snapshot.path },
    nearMisses,
  };
  const body = Buffer.from(JSON.stringify(payload));
  return {
    kind: 'unmatched',
    status: 404,
    stubId: null,
    stubName: null,
    nearMisses,
    headers: JSON_HEADERS,
    body,
    fault: null,
  };
}

/**
 * Works out the answer to a stub or no-match decision, waiting out a stub's delay; knows nothing of
 * the HTTP framework, so the Fastify routes and the raw fast path share it.
 */
export async function answerDecision(
  decision: AnswerableDecision,
  live: LiveService,
  snapshot: RequestSnapshot,
  handlers: HandlerRunner,
  random: RandomSource,
): Promise<MockAnswer> {
  if (decision.kind === 'unmatched') return noMatch(live, snapshot, decision.nearMisses);
  const { stub, params } = decision;
  const { response } = stub;
  if (response.kind === 'python')
    return pythonAnswer(stub, await runPythonStub(handlers, stub, response, snapshot, params));
  if (response.kind !== 'static') throw new Error(`a ${response.kind} stub cannot be answered here`);
  const plan = planStaticResponse(response, random);
  if (plan.delayMs > 0) await sleep(plan.delayMs);
  return staticAnswer(stub, plan);
}

/** A Python stub's answer: an object literal, not spreads (V8 builds those on a slow path). */
function pythonAnswer(stub: CompiledStub, answer: PythonAnswer): MockAnswer {
  const { error } = answer;
  const result: MockAnswer = {
    kind: 'stub',
    status: answer.status,
    stubId: stub.id,
    stubName: stub.name,
    nearMisses: NO_NEAR_MISSES,
    headers: answer.headers,
    body: answer.body,
    fault: null,
    handler: answer.trace,
  };
  if (error !== undefined) result.error = error;
  return result;
}

// A static stub without a random delay answers every request alike: one frozen answer per plan.
const constantAnswers = new WeakMap<StaticResponsePlan, MockAnswer>();

/** The answer of a static stub once its delay is over (synchronous, for the fast path). */
export function staticAnswer(stub: CompiledStub, plan: StaticResponsePlan): MockAnswer {
  const constant = stub.response.kind === 'static' && stub.response.plan === plan;
  const known = constant ? constantAnswers.get(plan) : undefined;
  if (known !== undefined) return known;
  // Object literals, not spreads: V8 builds `{ ...base, more }` on a slow path, microseconds a call.
  const answer: MockAnswer = plan.fault
    ? {
        kind: 'stub',
        status: FAULT_STATUS,
        stubId: stub.id,
        stubName: stub.name,
        nearMisses: NO_NEAR_MISSES,
        headers: NO_HEADERS,
        body: NO_BODY,
        fault: plan.fault,
        error: `fault: ${plan.fault}`,
      }
    : {
        kind: 'stub',
        status: plan.status,
        stubId: stub.id,
        stubName: stub.name,
        nearMisses: NO_NEAR_MISSES,
        headers: plan.headers,
        body: plan.body,
        fault: null,
      };
  if (constant) {
    Object.freeze(answer);
    constantAnswers.set(plan, answer);
    markConstant(answer);
  }
  return answer;
}

/** Records one answered call in the journal (written later, in a batch). */
export function journalAnswer(
  journal: JournalWriter,
  live: LiveService,
  snapshot: RequestSnapshot,
  answer: MockAnswer,
  latencyMs: number,
): void {
  journal.record(new MockCallRecord(live.record, snapshot, answer, latencyMs));
}

/** Journals a call answered with an error before any stub or upstream was involved. */
export function journalError(
  journal: JournalWriter,
  live: LiveService,
  snapshot: RequestSnapshot,
  status: number,
  message: string,
  latencyMs: number,
): void {
  const answer: MockAnswer = {
    kind: 'error',
    status,
    stubId: null,
    stubName: null,
    nearMisses: [],
    headers: {},
    body: NO_BODY,
    fault: null,
    error: message,
  };
  journalAnswer(journal, live, snapshot, answer, latencyMs);
}
