import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { util, type Dispatcher } from 'undici';
import type { RequestSnapshot } from '../../core/matching/request-snapshot.js';
import {
  prepareRequestHeaders,
  prepareResponseHeaders,
  rewritePath,
  withoutHopByHop,
  type HeaderMap,
} from '../../core/proxy/forwarding-rules.js';
import type { JournalWriter } from '../../services/journal-writer.js';
import type { Recorder } from '../../services/recorder.js';
import { writeError } from './fast-proxy-answer.js';
import {
  protocolOf,
  targetPath,
  unforwardablePath,
  type Forwarding,
  type ServicePlan,
} from './fast-proxy-target.js';
import { journalAnswer } from './mock-answer.js';
import { CLIENT_GONE, ProxyExchange, type ForwardFailure } from './proxy-exchange.js';
import { describeFailure } from './proxy-failure.js';

/** What every call forwarded by one listener shares. */
export interface ForwardDeps {
  /** The forwarder's keep-alive pools, guarded against SSRF (createUpstreamAgent). */
  readonly agent: Dispatcher;
  readonly journal: JournalWriter;
  readonly recorder: Recorder;
  /** Understudy's session cookie name and API token prefix: never sent upstream. */
  readonly sessionCookie: string;
  readonly tokenPrefix: string;
  /** Headers added to every answer of this port (the CSP sandbox on the main port). */
  readonly extraHeaders: Readonly<Record<string, string>>;
  readonly trustProxy: boolean;
}

/** One call on its way: the service, the snapshot it is journaled with, when it arrived. */
export interface CallStart {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly plan: ServicePlan;
  readonly snapshot: RequestSnapshot;
  readonly search: string;
  readonly started: number;
}

type Abort = (reason: Error) => void;

/** A path this proxy will not forward (see unforwardablePath). */
class PathRefused extends Error {}

const asBuffer = (bytes: Uint8Array) =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function declaresBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

// Headers leave with the first body chunk; when the body is not in the same read (server-sent
// events, long polling) they must not wait for it.
function flushWaitingHeaders(call: ForwardedCall): void {
  call.flushIfWaiting();
}

/**
 * One forwarded call as an undici dispatch handler: the response streams to the client chunk by
 * chunk with backpressure (undici pauses while the client's socket is full), both bodies pass taps
 * that keep what the journal and the recorder need, the upstream is aborted when the client goes.
 *
 * It implements undici's classic handler methods (onConnect … onComplete): they are what undici 7's
 * clients call natively (the newer controller API is adapted onto them per request) and the only
 * ones that see the request body go out (`onBodySent`).
 */
export class ForwardedCall {
  #abort: Abort | undefined;
  #resume: (() => void) | undefined;
  #bodyStarted = false;
  readonly #onClose = () => this.#closed();

  constructor(
    private readonly call: CallStart,
    private readonly x: ProxyExchange,
    private readonly recording: boolean,
    private readonly deps: ForwardDeps,
  ) {
    call.res.on('close', this.#onClose);
  }

  onConnect(abort: Abort): void {
    if (this.x.clientGone) abort(CLIENT_GONE);
    else this.#abort = abort;
  }

  onBodySent(chunk: Buffer): void {
    if (this.x.buffered === undefined) this.x.requestTap.take(chunk);
  }

  onHeaders(status: number, raw: Buffer[], resume: () => void): boolean {
    // 1xx informational answers (103 Early Hints…) are not passed on.
    if (status < 200) return true;
    const { x, deps } = this;
    const { req, res } = this.call;
    x.upstreamHeaders = util.parseHeaders(raw);
    const headers = prepareResponseHeaders(x.upstreamHeaders, deps.sessionCookie, deps.extraHeaders);
    // An HTTP/1 connection cannot carry the next request before this one's body is read.
    if (!req.complete) headers.connection = 'close';
    res.writeHead(status, headers as OutgoingHttpHeaders);
    x.status = status;
    this.#resume = resume;
    process.nextTick(flushWaitingHeaders, this);
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.x.responseTap.take(chunk);
    this.#bodyStarted = true;
    const { res } = this.call;
    if (res.write(chunk)) return true;
    if (this.#resume) res.once('drain', this.#resume);
    return false;
  }

  onComplete(): void {
    this.#bodyStarted = true;
    this.call.res.end();
  }

  onError(error: Error): void {
    const { x } = this;
    if (x.clientGone) return;
    const { req, res } = this.call;
    const failure = failureOf(error, x);
    x.failure = failure;
    // Once the status is out, the client can only be cut off: it sees an incomplete body.
    if (res.headersSent) res.destroy();
    else writeError(res, failure, this.deps.extraHeaders, !req.complete);
  }

  flushIfWaiting(): void {
    const { res } = this.call;
    if (!this.#bodyStarted && !res.destroyed) res.flushHeaders();
  }

  /** 'close' comes once the answer has ended, or alone when the client went away before that. */
  #closed(): void {
    const { x, recording, deps } = this;
    const { res, plan, snapshot, started } = this.call;
    if (!res.writableEnded) {
      x.clientGone = true;
      this.#abort?.(CLIENT_GONE);
    }
    const { live } = plan;
    journalAnswer(deps.journal, live, snapshot, x.outcome(plan.cap), performance.now() - started);
    const exchange = recording ? x.recordable(snapshot) : undefined;
    if (exchange) deps.recorder.record(live.record.name, exchange);
  }
}

/**
 * A refused path, or a request undici refuses to write (InvalidArgumentError), is the client's
 * doing: a 400 as on the Fastify route; everything else is the upstream's (502/504).
 */
function failureOf(error: Error, x: ProxyExchange): ForwardFailure {
  const refused =
    error instanceof PathRefused || (error as { code?: unknown }).code === 'UND_ERR_INVALID_ARG';
  if (!refused) return describeFailure(error, x.context);
  const { service, method, target } = x.context;
  const message = `Service "${service}" cannot forward ${method} to ${target}: ${error.message}`;
  return { status: 400, code: 'BAD_REQUEST', message };
}

/**
 * Forwards one call the way `how` says. `buffered` is the body already read for matching (partial
 * mode); without it a declared body streams from the client straight into the upstream request.
 */
export function forward(
  call: CallStart,
  how: Forwarding,
  buffered: Uint8Array | undefined,
  deps: ForwardDeps,
): void {
  const { req, plan, snapshot } = call;
  const { settings } = plan;
  const method = req.method ?? 'GET';
  const path = rewritePath(snapshot.path, how.decision.pathRewrite);
  const requestTarget = targetPath(how.target, path, call.search);
  const context = {
    service: plan.live.record.name,
    method,
    target: `${how.target.origin}${requestTarget}`,
    timeoutMs: settings.timeoutMs,
  };
  const x = new ProxyExchange(how.keepBytes, context, how.decision);
  x.buffered = buffered;
  const handler = new ForwardedCall(call, x, how.recording, deps);
  const refused = unforwardablePath(path);
  if (refused !== undefined) return handler.onError(new PathRefused(refused));
  const body = buffered ? asBuffer(buffered) : declaresBody(req) ? req : null;
  const host = req.headers.host;
  // A copy: the snapshot the journal reads may share Node's header object (to-snapshot.ts).
  const headers = prepareRequestHeaders(withoutHopByHop(req.headers as HeaderMap), {
    clientAddress: req.socket.remoteAddress,
    proto: protocolOf(req, deps.trustProxy),
    host,
    keepHost: settings.keepHost,
    sessionCookie: deps.sessionCookie,
    tokenPrefix: deps.tokenPrefix,
  });
  if (!settings.keepHost) headers.host = how.target.host;
  deps.agent.dispatch(
    {
      origin: how.target.origin,
      path: requestTarget,
      method: method as Dispatcher.HttpMethod,
      headers,
      body,
      headersTimeout: settings.timeoutMs,
      bodyTimeout: settings.timeoutMs,
    },
    handler as unknown as Dispatcher.DispatchHandler,
  );
}
