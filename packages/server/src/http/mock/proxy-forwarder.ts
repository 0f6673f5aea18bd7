import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Agent } from 'undici';
import type { RequestSnapshot } from '../../core/matching/request-snapshot.js';
import {
  prepareRequestHeaders,
  prepareResponseHeaders,
  rewritePath,
  searchOf,
  upstreamUrl,
  type HeaderMap,
  type RequestForwarding,
} from '../../core/proxy/forwarding-rules.js';
import { proxySettingsOf } from '../../core/proxy/proxy-settings.js';
import type { LiveService } from '../../services/mock-registry.js';
import type { Recorder } from '../../services/recorder.js';
import { errorBody } from '../error-handler.js';
import { UpstreamAbort, carrySignal, signalledDispatcher } from './proxy-agent.js';
import {
  CLIENT_GONE,
  ProxyExchange,
  RECORD_LIMIT_BYTES,
  type ForwardFailure,
  type ProxyDecision,
  type ProxyOutcome,
} from './proxy-exchange.js';
import { describeFailure } from './proxy-failure.js';
import { TapStream } from './proxy-tap.js';

export interface ProxyForwarderOptions {
  /** Keep-alive pools to the upstreams, guarded against SSRF (createUpstreamAgent). */
  readonly agent: Agent;
  /** Understudy's session cookie name and API token prefix: never sent upstream. */
  readonly sessionCookie: string;
  readonly tokenPrefix: string;
  readonly recorder: Recorder;
}

type Extra = Readonly<Record<string, string>>;

const NO_RETRY = () => null;

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function declaresBody(raw: IncomingMessage): boolean {
  const length = raw.headers['content-length'];
  return raw.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function forwardingOf(
  request: FastifyRequest,
  keepHost: boolean,
  options: ProxyForwarderOptions,
): RequestForwarding {
  return {
    clientAddress: request.raw.socket?.remoteAddress,
    proto: request.protocol,
    host: request.headers.host,
    keepHost,
    sessionCookie: options.sessionCookie,
    tokenPrefix: options.tokenPrefix,
  };
}

/**
 * Forwards one mock request to an upstream with @fastify/reply-from (undici): bodies stream both
 * ways through taps that keep only what the journal and the recorder need, the upstream request is
 * aborted when the client goes away, and failures become 502/504 with a JSON body.
 *
 * On real sockets forwarding is done ahead of Fastify by fast-proxy-listener.ts, on the same pools
 * (`options.agent`) and rules; this route serves what reaches Fastify itself (`inject`).
 */
export class ProxyForwarder {
  /** What reply-from sends through: the agent, with each request's abort signal applied. */
  readonly dispatcher: ReturnType<typeof signalledDispatcher>;

  constructor(readonly options: ProxyForwarderOptions) {
    this.dispatcher = signalledDispatcher(options.agent);
  }

  /** Closes the pools once in-flight requests are done (after the servers stopped accepting). */
  close(): Promise<void> {
    return this.options.agent.close();
  }

  /** Resolves once the answer is complete (or the client has gone), with what to journal. */
  async forward(
    decision: ProxyDecision,
    live: LiveService,
    snapshot: RequestSnapshot,
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Extra,
  ): Promise<ProxyOutcome> {
    const { record } = live;
    const settings = proxySettingsOf(record);
    const recording = settings.record && decision.stub === null && record.mode !== 'mock';
    const cap = record.journal.bodyCapBytes;
    const keep = Math.max(cap, recording ? RECORD_LIMIT_BYTES : 0) + 1;
    const path = rewritePath(snapshot.path, decision.pathRewrite);
    const target = upstreamUrl(decision.upstream, path, searchOf(request.url));
    const context = { service: record.name, method: request.method, target, timeoutMs: settings.timeoutMs };
    const x = new ProxyExchange(keep, context, decision);
    const abort = new UpstreamAbort();
    // 'close' comes once the answer has ended, or alone when the client went away before that
    // (writableEnded, not writableFinished: inject's fake socket never reports the flush).
    const ended = new Promise<void>((resolve) => {
      reply.raw.once('close', () => {
        if (!reply.raw.writableEnded) {
          x.clientGone = true;
          abort.abort(CLIENT_GONE);
        }
        resolve();
      });
    });
    try {
      this.#send(x, request, reply, settings.keepHost, abort, extra);
    } catch (error) {
      // reply-from refuses some paths (e.g. with /../ or a broken %-escape) before sending anything.
      const message = `Service "${record.name}" cannot forward ${request.method} to ${target}: ${(error as Error).message}`;
      this.#answer(x, reply, { status: 400, code: 'BAD_REQUEST', message }, extra);
    }
    await ended;
    const exchange = recording ? x.recordable(snapshot) : undefined;
    if (exchange) this.options.recorder.record(record.name, exchange);
    return x.outcome(cap);
  }

  #send(
    x: ProxyExchange,
    request: FastifyRequest,
    reply: FastifyReply,
    keepHost: boolean,
    signal: UpstreamAbort,
    extra: Extra,
  ): void {
    const contentType = request.headers['content-type'];
    const buffered = request.body instanceof Uint8Array ? request.body : undefined;
    if (buffered) x.buffered = buffered;
    else this.#streamBody(x, request);
    const forwarding = forwardingOf(request, keepHost, this.options);
    reply.from(x.context.target, {
      timeout: x.context.timeoutMs,
      retryDelay: NO_RETRY,
      // A body already read for matching goes as bytes; reply-from would otherwise re-encode JSON.
      ...(buffered && { body: asBuffer(buffered), contentType: contentType ?? 'application/octet-stream' }),
      rewriteRequestHeaders: (_request, headers) => {
        const prepared = prepareRequestHeaders(headers as HeaderMap, forwarding);
        if (buffered && contentType === undefined) delete prepared['content-type'];
        return carrySignal(prepared, signal) as IncomingHttpHeaders;
      },
      rewriteHeaders: (headers) => {
        x.upstreamHeaders = headers as HeaderMap;
        return prepareResponseHeaders(
          x.upstreamHeaders,
          this.options.sessionCookie,
          extra,
        ) as IncomingHttpHeaders;
      },
      // reply-from hands back the same reply, typed for any server; ours is the HTTP/1 one.
      onResponse: (_request, _reply, res) => this.#stream(x, reply, res.stream, res.statusCode),
      onError: (_reply, { error }) => {
        if (!x.clientGone) this.#answer(x, reply, describeFailure(error, x.context), extra);
      },
    });
  }

  /** Proxy mode: the body was not read; it streams upstream through a tap as undici pulls it. */
  #streamBody(x: ProxyExchange, request: FastifyRequest): void {
    const { raw } = request;
    if (request.method === 'GET' || request.method === 'HEAD' || !declaresBody(raw)) return;
    const tap = new TapStream(x.requestTap);
    raw.pipe(tap);
    request.body = tap;
  }

  #stream(x: ProxyExchange, reply: FastifyReply, body: Readable, status: number | undefined): void {
    x.status = status;
    // The tap listens to the chunks on their way out instead of adding a stream to the path (a
    // Transform per response costs a quarter of the proxy's throughput). It attaches when Fastify
    // pipes the body, so it cannot miss the first chunk.
    const res = reply.raw;
    res.once('pipe', () => {
      body.on('data', (chunk: Buffer) => x.responseTap.take(chunk));
      // Headers go out with the first chunk; an upstream that answers and then waits (server-sent
      // events, long polling) must not hold them back from the client.
      setImmediate(() => {
        if (!res.headersSent && !res.destroyed) res.flushHeaders();
      });
    });
    body.once('error', (error) => {
      if (!x.clientGone) x.failure ??= describeFailure(error, x.context);
    });
    void reply.send(body);
  }

  /** Answers a call that could not be forwarded (unless the answer has started or nobody is left). */
  #answer(x: ProxyExchange, reply: FastifyReply, failure: ForwardFailure, extra: Extra): void {
    x.failure = failure;
    if (reply.sent || reply.raw.headersSent) return;
    // The client may still be sending a body the upstream will never read: don't reuse the connection.
    if (!reply.request.raw.complete) void reply.header('connection', 'close');
    void reply
      .code(failure.status)
      .headers(extra)
      .type('application/json')
      .send(errorBody(failure.code, failure.message));
  }
}
