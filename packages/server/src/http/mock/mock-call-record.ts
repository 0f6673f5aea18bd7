import type { CapturedBody, HandlerTrace, JournalEntry, NearMiss } from '@understudy/contracts';
import { captureBody } from '../../core/mocking/capture-body.js';
import type { SelfEncodingRecord } from '../../core/mocking/self-encoding-record.js';
import type { RequestSnapshot } from '../../core/matching/request-snapshot.js';
import type { ServiceRecord } from '../../core/ports/index.js';

/** The parts of a mock answer the journal keeps (MockAnswer of mock-answer.ts has them all). */
export interface RecordedAnswer extends Pick<JournalEntry, 'kind' | 'status' | 'stubId' | 'stubName'> {
  readonly nearMisses: readonly NearMiss[];
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Uint8Array;
  readonly handler?: HandlerTrace;
  readonly error?: string;
  readonly captured?: { request: CapturedBody | null; response: CapturedBody | null };
}

// Answers that are the same for every request (a static stub's): their part of the entry text is
// serialized once per body cap and reused.
const constants = new WeakSet<RecordedAnswer>();
const answerEnds = new WeakMap<RecordedAnswer, { readonly cap: number; readonly text: string }>();

/** Marks an answer (frozen) as shared by every request its stub answers. */
export function markConstant(answer: RecordedAnswer): void {
  constants.add(answer);
}

// A stub's body bytes are shared by all its answers (even those with a random delay): capture once.
const capturedBodies = new WeakMap<
  Uint8Array,
  { readonly cap: number; readonly body: CapturedBody | null }
>();

function responseBody(answer: RecordedAnswer, cap: number): CapturedBody | null {
  if (answer.captured) return answer.captured.response;
  if (answer.kind !== 'stub' || answer.handler) return captureBody(answer.body, cap);
  const known = capturedBodies.get(answer.body);
  if (known?.cap === cap) return known.body;
  const body = captureBody(answer.body, cap);
  capturedBodies.set(answer.body, { cap, body });
  return body;
}

/**
 * The answer's fields of the entry, in the order `entry` lists them. Fields at their default (see
 * ENTRY_DEFAULTS of journal-query.ts) are left out: every call is stored, and SQLite's cost per row
 * grows with its size (~15% less CPU per row without them).
 */
function answerFields(answer: RecordedAnswer, cap: number) {
  return {
    kind: answer.kind,
    ...(answer.stubName !== null && { stubName: answer.stubName }),
    ...(answer.nearMisses.length > 0 && { nearMisses: answer.nearMisses }),
    response: { headers: answer.headers, body: responseBody(answer, cap) },
    ...(answer.handler && { handler: answer.handler }),
    ...(answer.error !== undefined && { error: answer.error }),
  };
}

// Header sets shared by many answers (a static stub's, each of a Python handler's few) are frozen
// objects: their JSON is written once.
const headerTexts = new WeakMap<object, string>();

function headersText(headers: RecordedAnswer['headers']): string {
  if (!Object.isFrozen(headers)) return JSON.stringify(headers);
  let text = headerTexts.get(headers);
  if (text === undefined) {
    text = JSON.stringify(headers);
    headerTexts.set(headers, text);
  }
  return text;
}

/** `answerFields` as JSON text without its braces, written from parts rather than built and stringified. */
function encodeAnswer(answer: RecordedAnswer, cap: number): string {
  const { stubName, nearMisses, handler, error } = answer;
  return (
    `"kind":${JSON.stringify(answer.kind)}` +
    (stubName === null ? '' : `,"stubName":${JSON.stringify(stubName)}`) +
    (nearMisses.length === 0 ? '' : `,"nearMisses":${JSON.stringify(nearMisses)}`) +
    `,"response":{"headers":${headersText(answer.headers)},` +
    `"body":${JSON.stringify(responseBody(answer, cap))}}` +
    (handler ? `,"handler":${JSON.stringify(handler)}` : '') +
    (error === undefined ? '' : `,"error":${JSON.stringify(error)}`)
  );
}

/** The answer's part of the entry text, closing the entry: the same string for a constant answer. */
function answerEnd(answer: RecordedAnswer, cap: number): string {
  if (!constants.has(answer)) return `${encodeAnswer(answer, cap)}}`;
  const known = answerEnds.get(answer);
  if (known?.cap === cap) return known.text;
  const text = `${encodeAnswer(answer, cap)}}`;
  answerEnds.set(answer, { cap, text });
  return text;
}

/**
 * One mock call as the journal keeps it. Taking it costs one small object on the request path; the
 * entry text is written only when the batch is stored (or the object built, for live listeners).
 * It keeps the request's parts, not the request: a slow store must not hold whole requests.
 */
export class MockCallRecord implements SelfEncodingRecord {
  id?: number;
  readonly service: string;
  readonly receivedAt: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly stubId: string | null;
  readonly #query: Readonly<Record<string, readonly string[]>>;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #body: CapturedBody | null;
  readonly #answer: RecordedAnswer;
  readonly #latencyMs: number;
  readonly #cap: number;
  #entry: Record<string, unknown> | undefined;

  constructor(service: ServiceRecord, snapshot: RequestSnapshot, answer: RecordedAnswer, latencyMs: number) {
    const cap = service.journal.bodyCapBytes;
    this.service = service.name;
    this.receivedAt = Date.now();
    this.method = snapshot.method;
    this.path = snapshot.path;
    this.status = answer.status;
    this.stubId = answer.stubId;
    this.#query = snapshot.query;
    this.#headers = snapshot.headers;
    this.#body = answer.captured ? answer.captured.request : captureBody(snapshot.body, cap);
    this.#answer = answer;
    this.#latencyMs = Math.round(latencyMs * 1000) / 1000;
    this.#cap = cap;
  }

  get entry(): Record<string, unknown> {
    this.#entry ??= {
      ...(!isEmpty(this.#query) && { query: this.#query }),
      headers: this.#headers,
      ...(this.#body !== null && { body: this.#body }),
      latencyMs: this.#latencyMs,
      ...answerFields(this.#answer, this.#cap),
    };
    return this.#entry;
  }

  encodeEntry(): string {
    return this.encodeEntryStart() + answerEnd(this.#answer, this.#cap);
  }

  /** The request's part of the entry text: the rest is the answer's. */
  encodeEntryStart(): string {
    return (
      (isEmpty(this.#query) ? '{' : `{"query":${JSON.stringify(this.#query)},`) +
      `"headers":${JSON.stringify(this.#headers)},` +
      (this.#body === null ? '' : `"body":${JSON.stringify(this.#body)},`) +
      `"latencyMs":${this.#latencyMs},`
    );
  }

  /** A static stub's answer ends every entry it answers alike. */
  sharedEntryEnd(): string | undefined {
    return constants.has(this.#answer) ? answerEnd(this.#answer, this.#cap) : undefined;
  }
}

function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}
