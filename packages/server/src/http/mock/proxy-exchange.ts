import type { CapturedBody, NearMiss } from '@understudy/contracts';
import type { RequestSnapshot } from '../../core/matching/request-snapshot.js';
import { captureBody } from '../../core/mocking/capture-body.js';
import type { HeaderMap } from '../../core/proxy/forwarding-rules.js';
import type { RecordedExchange } from '../../core/proxy/recorded-stub.js';
import type { MockDecision } from '../../services/serve-mock.js';
import type { FailureContext } from './proxy-failure.js';
import { BodyTap } from './proxy-tap.js';

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
  error?: string;
}

const EMPTY = new Uint8Array(0);

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
    const error = this.#error();
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(this.upstreamHeaders))
      if (value !== undefined) headers[name] = value;
    return {
      kind: this.failure ? 'error' : 'proxy',
      status: this.status ?? this.failure?.status ?? 0,
      stubId: stub?.id ?? null,
      stubName: stub?.name ?? null,
      nearMisses: [],
      headers,
      body: EMPTY,
      captured: {
        request: this.buffered ? captureBody(this.buffered, cap) : this.requestTap.captured(cap),
        response: this.responseTap.captured(cap),
      },
      ...(error !== undefined && { error }),
    };
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
