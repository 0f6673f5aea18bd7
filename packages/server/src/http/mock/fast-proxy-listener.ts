import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { HandlerRunner } from '../../core/ports/index.js';
import type { RandomSource } from '../../core/responses/plan-static-response.js';
import type { RequestSnapshot } from '../../core/matching/request-snapshot.js';
import { searchOf } from '../../core/proxy/forwarding-rules.js';
import { decide } from '../../services/serve-mock.js';
import type { RawResolver } from './fast-mock-listener.js';
import { writeAnswer, writeError } from './fast-proxy-answer.js';
import { journalError } from './mock-answer.js';
import { BodyTooLarge, EMPTY, readBody } from './raw-body.js';
import { forward, type CallStart, type ForwardDeps } from './fast-proxy-call.js';
import { planOf, type ServicePlan } from './fast-proxy-target.js';
import { answerDecision, journalAnswer } from './mock-answer.js';
import { lazySnapshotOf } from './to-snapshot.js';

export interface FastProxyDeps extends ForwardDeps {
  readonly handlers: HandlerRunner;
  readonly random: RandomSource;
  readonly bodyLimitBytes: number;
  readonly log: Logger;
}

/** A call this listener took: its service, how many URL characters name the service, when it came. */
interface Taken {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly plan: ServicePlan;
  readonly prefixLength: number;
  readonly started: number;
}

const hasBody = (req: IncomingMessage) =>
  req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;

// Headers and query are read when the journal (or a predicate) asks, cookies only by a predicate.
const snapshotOf = ({ req, prefixLength }: Taken, body: Uint8Array) =>
  lazySnapshotOf(req, prefixLength, body);

/**
 * Whether the service's own path follows its prefix: an absolute-form target (GET http://host/x)
 * or `OPTIONS *` is no path to forward, and Fastify answers it.
 */
function pathFollows(url: string, prefixLength: number): boolean {
  const next = url.charCodeAt(prefixLength);
  return next === 0x2f || next === 0x3f || url.length === prefixLength;
}

function startOf({ req, res, plan, started }: Taken, snapshot: RequestSnapshot): CallStart {
  return { req, res, plan, snapshot, search: searchOf(req.url ?? '/'), started };
}

/**
 * Partial mode, or a mock-mode service with proxy stubs: stubs may match on the body, so it is read
 * first (up to the body limit); what a stub answers is written here, the rest is forwarded.
 */
async function serveMatched(taken: Taken, deps: FastProxyDeps): Promise<void> {
  const { req, res, plan } = taken;
  const body = hasBody(req) ? await readBody(req, deps.bodyLimitBytes) : EMPTY;
  const snapshot = snapshotOf(taken, body);
  const decision = decide(plan.live, snapshot);
  if (decision.kind === 'proxy')
    return forward(startOf(taken, snapshot), plan.forwarding(decision), body, deps);
  const answer = await answerDecision(decision, plan.live, snapshot, deps.handlers, deps.random);
  writeAnswer(req, res, answer, deps.extraHeaders);
  journalAnswer(deps.journal, plan.live, snapshot, answer, performance.now() - taken.started);
}

function fail(taken: Taken, error: unknown, deps: FastProxyDeps): void {
  const { req, res } = taken;
  if (res.headersSent || res.destroyed) return void res.destroy();
  const close = !req.complete;
  if (error instanceof BodyTooLarge) {
    const message = `The request body is larger than this server accepts (${deps.bodyLimitBytes} bytes)`;
    const latency = performance.now() - taken.started;
    journalError(deps.journal, taken.plan.live, snapshotOf(taken, EMPTY), 413, message, latency);
    return writeError(res, { status: 413, code: 'BODY_TOO_LARGE', message }, deps.extraHeaders, close);
  }
  deps.log.error({ err: error, url: req.url }, 'mock request failed');
  const failure = {
    status: 500,
    code: 'INTERNAL',
    message: 'Internal error; the server log has the details',
  };
  writeError(res, failure, deps.extraHeaders, close);
}

/**
 * Serves the mock traffic of services that may forward (proxy or partial mode, or proxy stubs)
 * straight on node:http, ahead of Fastify, next to the fast mock listener: forwarding goes through
 * undici's dispatch on the forwarder's guarded keep-alive pools with the rules of the Fastify route
 * (proxy-forwarder.ts, which stays for `inject`). Returns false for requests it leaves to Fastify.
 */
export function createFastProxyListener(resolve: RawResolver, deps: FastProxyDeps) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const resolved = resolve(req);
    if (resolved === undefined || !resolved.live.forwards) return false;
    if (!pathFollows(req.url ?? '/', resolved.prefixLength)) return false;
    const plan = planOf(resolved.live);
    const taken: Taken = { req, res, plan, prefixLength: resolved.prefixLength, started: performance.now() };
    try {
      // Proxy mode: nothing to match, so nothing is read; a body streams upstream as it arrives.
      if (plan.forwardAll)
        forward(startOf(taken, snapshotOf(taken, EMPTY)), plan.forwardAll, undefined, deps);
      else serveMatched(taken, deps).catch((error: unknown) => fail(taken, error, deps));
    } catch (error) {
      fail(taken, error, deps);
    }
    return true;
  };
}
