import type { CapturedBody, NearMiss } from '@understudy/contracts';
import type { RequestSnapshot } from '../../core/matching/request-snapshot.js';
import { captureBody } from '../../core/mocking/capture-body.js';
import type { HeaderMap } from '../../core/proxy/forwarding-rules.js';
import type { RecordedExchange } from '../../core/proxy/recorded-stub.js';
import type { MockDecision } from '../../services/serve-mock.js';
import type { FailureContext } from './proxy-failure.js';
import { BodyTap } from './proxy-tap.js';

/** Largest body of either side a recording keeps; bigger exchanges are forwarded but not recorded. */
export const RECORD_LIMIT_BYTES = 1024 * 1024;

// One shared reason (no stack per request); reply-from logs it at warn when the abort lands, and a
// stack pointing at this module's loading would only mislead whoever reads that log line.
export const CLIENT_GONE = Object.assign(
  new Error('the client disconnected; the upstream request was aborted'),
  { stack: 'Error: the client disconnected; the upstream request was aborted' },
);

export type ProxyDecision = Extract<MockDecision, { kind: 'proxy' }>;

/** Why a call was not (completely) forwarded: an UpstreamFailedError, or a path reply-from refused. */
export interface ForwardFailure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** What the journal keeps of one forwarded call (the shape the mock responder records). */
export interface ProxyOutcome {
  kind: 'proxy' | 'error';
  status: number;
  stubId: string | null;
  stubName: string | null;
  nearMisses: readonly NearMiss[];
  headers: Record<string, string | string[]>;
  body: Uint8Array;
  /** Bodies captured while they streamed: the snapshot has no body when the request was streamed. */
  captured: { request: CapturedBody | null; response: CapturedBody | null };
  /** Forwarded calls never fake a network fault (the field makes an outcome a MockAnswer). */
  fault: null;
  error?: string;
}

const EMPTY = new Uint8Array(0);
const NO_NEAR_MISSES: readonly NearMiss[] = Object.freeze([]);

/** The state of one forwarded call while it streams: taps, what the upstream said, what failed. */
export class ProxyExchange {
  readonly requestTap: BodyTap;
  readonly responseTap: BodyTap;
  /** Set when the request body was read before forwarding (partial mode matched on it). */
  buffered: Uint8Array | undefined;
  status: number | undefined;
  upstreamHeaders: HeaderMap = {};
  failure: ForwardFailure | undefined;
  clientGone = false;

  constructor(
    keepBytes: number,
    readonly context: FailureContext,
    readonly decision: ProxyDecision,
  ) {
    this.requestTap = new BodyTap(keepBytes);
    this.responseTap = new BodyTap(keepBytes);
  }

  #error(): string | undefined {
    if (this.failure) return this.failure.message;
    if (this.clientGone) {
      const got =
        this.status === undefined ? 'before the upstream answered' : 'before the answer was complete';
      return `The client disconnected ${got}; the upstream request was aborted`;
    }
    return undefined;
  }

  outcome(cap: number): ProxyOutcome {
    const { stub } = this.decision;
    // Literals, not spreads: V8 builds `{ ...a, b }` on a slow path, and this runs per call.
    const outcome: ProxyOutcome = {
      kind: this.failure ? 'error' : 'proxy',
      status: this.status ?? this.failure?.status ?? 0,
      stubId: stub?.id ?? null,
      stubName: stub?.name ?? null,
      nearMisses: NO_NEAR_MISSES,
      // undici's parsed headers never hold undefined (only the HeaderMap type allows it): no copy.
      headers: this.upstreamHeaders as Record<string, string | string[]>,
      body: EMPTY,
      captured: {
        request: this.buffered ? captureBody(this.buffered, cap) : this.requestTap.captured(cap),
        response: this.responseTap.captured(cap),
      },
      fault: null,
    };
    const error = this.#error();
    if (error !== undefined) outcome.error = error;
    return outcome;
  }

  /** The exchange for the recorder, when it completed and both bodies were kept whole. */
  recordable(snapshot: RequestSnapshot): RecordedExchange | undefined {
    const complete = !this.failure && !this.clientGone && this.status !== undefined;
    if (!complete || !this.responseTap.whole || (!this.buffered && !this.requestTap.whole)) return undefined;
    const type = snapshot.headers['content-type'];
    return {
      method: snapshot.method,
      path: snapshot.path,
      query: snapshot.query,
      requestContentType: type,
      requestBody: this.buffered ?? this.requestTap.bytes(),
      status: this.status ?? 0,
      headers: this.upstreamHeaders,
      body: this.responseTap.bytes(),
    };
  }
}
