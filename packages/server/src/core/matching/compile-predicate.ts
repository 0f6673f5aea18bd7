import { compileBody } from './compile-body.js';
import { compileFields } from './compile-matcher.js';
import { compilePath, type PathRoute } from './compile-path.js';
import { CompileProblems, checkKeys, isPlainObject, pointerTo } from './compile-problems.js';
import type { FieldTest } from './operators/operator.js';
import type { RequestSnapshot } from './request-snapshot.js';
import { AllOfPredicate, AnyOfPredicate, NotPredicate } from './predicates/combinators.js';
import { FieldPredicate } from './predicates/field-predicate.js';
import { cookieSource, headerSource, methodSource, querySource } from './predicates/field-sources.js';
import { SPECIFICITY, WEIGHT, type CompiledPredicate } from './predicates/predicate.js';

export type { CompiledPredicate, PathRoute };

/** A compiled `request` predicate, split so the stub index can skip what it already knows. */
export interface CompiledRequestPredicate extends CompiledPredicate {
  /** The top-level methods (upper-case), or null for any method. */
  readonly methods: readonly string[] | null;
  /** How the index finds the stub by its top-level path. */
  readonly route: PathRoute | null;
  /** What remains to check once the index found the stub by method and exact or template path. */
  readonly rest: CompiledPredicate;
  /** What remains to check once the index found the stub by method only. */
  readonly restWithPath: CompiledPredicate;
  /** distance(), but stopping early once it is known to be >= cutoff (for ranking near misses). */
  distanceBelow(snapshot: RequestSnapshot, cutoff: number): number;
}

const KEYS = ['method', 'path', 'query', 'headers', 'cookies', 'body', 'allOf', 'anyOf', 'not'] as const;
/** Nesting of allOf / anyOf / not beyond this is refused: nobody writes it, and it bounds recursion. */
const MAX_DEPTH = 16;
const HTTP_TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Compiles a request predicate document (`{ method, path, query, headers, cookies, body, allOf,
 * anyOf, not }`), recording problems under `pointer`; returns undefined when there were any.
 */
export function compileRequestPredicate(
  doc: unknown,
  pointer: string,
  problems: CompileProblems,
  depth = 0,
): CompiledRequestPredicate | undefined {
  if (!isPlainObject(doc)) {
    problems.add(pointer, 'must be an object of conditions, e.g. { "method": "GET", "path": "/orders" }');
    return undefined;
  }
  if (depth > MAX_DEPTH) {
    problems.add(pointer, `nests allOf / anyOf / not more than ${MAX_DEPTH} levels deep`);
    return undefined;
  }
  const before = problems.count;
  checkKeys(doc, KEYS, pointer, problems);
  const methods = has(doc, 'method')
    ? compileMethods(doc.method, pointerTo(pointer, 'method'), problems)
    : null;
  const path = has(doc, 'path') ? compilePath(doc.path, pointerTo(pointer, 'path'), problems) : null;
  const rest = compileRest(doc, pointer, problems, depth);
  if (problems.count > before || methods === undefined || path === undefined) return undefined;
  return new TopLevelPredicate(methods, path?.route ?? null, path?.predicate ?? null, rest);
}

// Parts that fail to compile are left out: they have recorded a problem, so the caller gives up anyway.
function compileRest(
  doc: Record<string, unknown>,
  pointer: string,
  problems: CompileProblems,
  depth: number,
): CompiledPredicate[] {
  const parts: CompiledPredicate[] = [];
  const at = (key: string): string => pointerTo(pointer, key);
  if (has(doc, 'query')) parts.push(...(compileFields(doc.query, at('query'), problems, querySource) ?? []));
  if (has(doc, 'headers')) {
    parts.push(...(compileFields(doc.headers, at('headers'), problems, headerSource, checkHeaderName) ?? []));
  }
  if (has(doc, 'cookies')) {
    parts.push(...(compileFields(doc.cookies, at('cookies'), problems, cookieSource, checkCookieName) ?? []));
  }
  const body = has(doc, 'body') ? compileBody(doc.body, at('body'), problems) : undefined;
  if (body) parts.push(body);
  if (has(doc, 'allOf')) parts.push(...(compileList(doc.allOf, at('allOf'), problems, depth) ?? []));
  const options = has(doc, 'anyOf') ? compileList(doc.anyOf, at('anyOf'), problems, depth) : undefined;
  if (options) parts.push(new AnyOfPredicate(options));
  const inner = has(doc, 'not')
    ? compileRequestPredicate(doc.not, at('not'), problems, depth + 1)
    : undefined;
  if (inner) parts.push(new NotPredicate(inner));
  return parts;
}

function compileList(
  doc: unknown,
  pointer: string,
  problems: CompileProblems,
  depth: number,
): CompiledPredicate[] | undefined {
  if (!Array.isArray(doc) || doc.length === 0) {
    problems.add(pointer, 'must be a non-empty list of predicates');
    return undefined;
  }
  const compiled = doc.map((item, i) =>
    compileRequestPredicate(item, pointerTo(pointer, i), problems, depth + 1),
  );
  return compiled.every((item) => item !== undefined) ? (compiled as CompiledPredicate[]) : undefined;
}

function compileMethods(doc: unknown, pointer: string, problems: CompileProblems): string[] | undefined {
  const list: unknown[] = Array.isArray(doc) ? doc : [doc];
  if (list.length === 0) problems.add(pointer, 'must name at least one method');
  const before = problems.count;
  list.forEach((method, i) => {
    const at = Array.isArray(doc) ? pointerTo(pointer, i) : pointer;
    if (typeof method !== 'string' || !HTTP_TOKEN.test(method) || method.length > 32) {
      problems.add(at, 'must be an HTTP method such as "GET" or "POST"');
    }
  });
  if (list.length === 0 || problems.count > before) return undefined;
  return [...new Set(list.map((method) => String(method).toUpperCase()))];
}

function checkHeaderName(name: string): string | undefined {
  return HTTP_TOKEN.test(name) ? undefined : 'is not a valid header name';
}

function checkCookieName(name: string): string | undefined {
  return name === '' ? 'must not be empty' : undefined;
}

function has(doc: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(doc, key);
}

const methodTestFor = (methods: readonly string[]): FieldTest => ({
  expectation: methods.length === 1 ? `equals "${methods[0]}"` : `one of ${methods.join(', ')}`,
  test: (actual: unknown) => typeof actual === 'string' && methods.includes(actual),
  distance: (actual: unknown) => (typeof actual === 'string' && methods.includes(actual) ? 0 : 1),
});

class TopLevelPredicate extends AllOfPredicate implements CompiledRequestPredicate {
  readonly rest: CompiledPredicate;
  readonly restWithPath: CompiledPredicate;

  constructor(
    readonly methods: readonly string[] | null,
    readonly route: PathRoute | null,
    path: CompiledPredicate | null,
    rest: readonly CompiledPredicate[],
  ) {
    const method =
      methods &&
      new FieldPredicate(methodSource, methodTestFor(methods), WEIGHT.method, SPECIFICITY.condition);
    super([...(method ? [method] : []), ...(path ? [path] : []), ...rest]);
    this.rest = new AllOfPredicate(rest);
    this.restWithPath = path ? new AllOfPredicate([path, ...rest]) : this.rest;
  }
}
