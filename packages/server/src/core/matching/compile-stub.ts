import type { Stub, StubInput } from '@understudy/contracts';
import { compileResponse, type CompiledResponse } from '../responses/compile-response.js';
import { compileRequestPredicate, type CompiledRequestPredicate } from './compile-predicate.js';
import { CompileProblems, checkKeys, isPlainObject } from './compile-problems.js';

/** What ranks a saved stub among equals: its id, and its creation time for "newest wins". */
export interface StubIdentity {
  readonly id: string;
  /** ISO 8601; an unparsable or empty value ranks as oldest. */
  readonly createdAt: string;
}

/** A stub ready for the hot path: regexes, JSONPaths, templates and response bytes all prepared. */
export interface CompiledStub {
  readonly id: string;
  readonly name: string | null;
  readonly priority: number;
  readonly enabled: boolean;
  readonly createdAtMs: number;
  /** The document as accepted, defaults filled in: what to store and to return. */
  readonly definition: StubInput;
  readonly request: CompiledRequestPredicate;
  readonly response: CompiledResponse;
}

const KEYS = ['name', 'priority', 'enabled', 'request', 'response'] as const;
const UNSAVED: StubIdentity = { id: '', createdAt: '' };
const MAX_PRIORITY = 1_000_000;
const MAX_NAME_LENGTH = 200;

/**
 * Validates a stub document and compiles it (STYLE rule 4: compile at save time, evaluate per
 * request). Throws a ValidationError whose details name every bad field by JSON pointer from the
 * document root, e.g. /request/path/regex. The document is kept by reference: do not mutate it.
 */
export function compileStub(doc: unknown, identity: StubIdentity = UNSAVED): CompiledStub {
  const problems = new CompileProblems();
  if (!isPlainObject(doc)) {
    problems.add('', 'must be an object with request and response');
    problems.throwIfAny('stub');
  }
  const stub = doc as Record<string, unknown>;
  checkKeys(stub, KEYS, '', problems);
  checkMeta(stub, problems);
  const request = Object.hasOwn(stub, 'request')
    ? compileRequestPredicate(stub.request, '/request', problems)
    : problems.add('/request', 'is required');
  const response = Object.hasOwn(stub, 'response')
    ? compileResponse(stub.response, '/response', problems)
    : problems.add('/response', 'is required');
  problems.throwIfAny('stub');
  // Every field was checked above, so the document now is a StubInput.
  const definition = { ...stub, priority: stub.priority ?? 0, enabled: stub.enabled ?? true } as StubInput;
  return {
    id: identity.id,
    name: definition.name ?? null,
    priority: definition.priority ?? 0,
    enabled: definition.enabled ?? true,
    createdAtMs: Date.parse(identity.createdAt) || 0,
    definition,
    request: request as CompiledRequestPredicate,
    response: response as CompiledResponse,
  };
}

/** Compiles a stub as stored (contracts `Stub`), e.g. when a service's stubs are loaded. */
export function compileStoredStub(stub: Stub): CompiledStub {
  const { id, createdAt, name, priority, enabled, request, response } = stub;
  const input =
    name === undefined
      ? { priority, enabled, request, response }
      : { name, priority, enabled, request, response };
  return compileStub(input, { id, createdAt });
}

/**
 * Compiles a predicate on its own, e.g. the verification query of `POST …/requests/count`;
 * problems are located under `pointer`.
 */
export function compilePredicate(doc: unknown, pointer = '/request'): CompiledRequestPredicate {
  const problems = new CompileProblems();
  const predicate = compileRequestPredicate(doc, pointer, problems);
  problems.throwIfAny('predicate');
  return predicate as CompiledRequestPredicate;
}

function checkMeta(stub: Record<string, unknown>, problems: CompileProblems): void {
  const { name, priority, enabled } = stub;
  if (
    Object.hasOwn(stub, 'name') &&
    (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH)
  ) {
    problems.add('/name', `must be text of 1 to ${MAX_NAME_LENGTH} characters`);
  }
  if (
    Object.hasOwn(stub, 'priority') &&
    !(Number.isInteger(priority) && Math.abs(priority as number) <= MAX_PRIORITY)
  ) {
    problems.add('/priority', `must be a whole number from -${MAX_PRIORITY} to ${MAX_PRIORITY}`);
  }
  if (Object.hasOwn(stub, 'enabled') && typeof enabled !== 'boolean') {
    problems.add('/enabled', 'must be true or false');
  }
}
