import { CompileProblems, checkKeys, isPlainObject, pointerTo } from '../matching/compile-problems.js';
import { compileStaticResponse, type CompiledStaticResponse } from './static-response.js';

/** A python response, checked; the sandbox engineer's HandlerRunner runs it. */
export interface CompiledPythonResponse {
  readonly kind: 'python';
  readonly code: string;
  /** Null: the runner's default. */
  readonly timeoutMs: number | null;
}

/** A proxy response, checked; the proxy forwards it. */
export interface CompiledProxyResponse {
  readonly kind: 'proxy';
  /** Null: the service's upstream. */
  readonly upstream: string | null;
  readonly pathRewrite: { readonly from: string; readonly to: string } | null;
}

export type CompiledResponse = CompiledStaticResponse | CompiledPythonResponse | CompiledProxyResponse;

type ResponseCompiler = (
  doc: Record<string, unknown>,
  pointer: string,
  problems: CompileProblems,
) => CompiledResponse | undefined;

const MAX_CODE_LENGTH = 100_000;
const MAX_TIMEOUT_MS = 30_000;
const UPSTREAM = /^https?:\/\/[^\s]+$/;

/** One compiler per response kind (DESIGN §4), looked up by the document's `kind`. */
export const responseCompilers = {
  static: compileStaticResponse,
  python: compilePythonResponse,
  proxy: compileProxyResponse,
} satisfies Record<CompiledResponse['kind'], ResponseCompiler>;

const KINDS = Object.keys(responseCompilers);

/** Compiles `response`, recording problems under `pointer`; undefined when there were any. */
export function compileResponse(
  doc: unknown,
  pointer: string,
  problems: CompileProblems,
): CompiledResponse | undefined {
  if (!isPlainObject(doc)) {
    problems.add(pointer, 'must be an object such as { "kind": "static", "status": 200, "body": {} }');
    return undefined;
  }
  const kind = doc.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(responseCompilers, kind)) {
    problems.add(pointerTo(pointer, 'kind'), `must be one of: ${KINDS.join(', ')}`);
    return undefined;
  }
  return responseCompilers[kind as keyof typeof responseCompilers](doc, pointer, problems);
}

function compilePythonResponse(
  doc: Record<string, unknown>,
  pointer: string,
  problems: CompileProblems,
): CompiledPythonResponse | undefined {
  const before = problems.count;
  checkKeys(doc, ['kind', 'code', 'timeoutMs'], pointer, problems);
  const { code, timeoutMs } = doc;
  if (typeof code !== 'string' || code.length === 0 || code.length > MAX_CODE_LENGTH) {
    problems.add(pointerTo(pointer, 'code'), `must be Python source of 1 to ${MAX_CODE_LENGTH} characters`);
  }
  const validTimeout =
    !Object.hasOwn(doc, 'timeoutMs') ||
    (Number.isInteger(timeoutMs) && (timeoutMs as number) >= 1 && (timeoutMs as number) <= MAX_TIMEOUT_MS);
  if (!validTimeout)
    problems.add(pointerTo(pointer, 'timeoutMs'), `must be a whole number from 1 to ${MAX_TIMEOUT_MS}`);
  if (problems.count > before) return undefined;
  return { kind: 'python', code: code as string, timeoutMs: (timeoutMs as number | undefined) ?? null };
}

function compileProxyResponse(
  doc: Record<string, unknown>,
  pointer: string,
  problems: CompileProblems,
): CompiledProxyResponse | undefined {
  const before = problems.count;
  checkKeys(doc, ['kind', 'upstream', 'pathRewrite'], pointer, problems);
  const { upstream, pathRewrite } = doc;
  if (Object.hasOwn(doc, 'upstream') && !isHttpUrl(upstream)) {
    problems.add(pointerTo(pointer, 'upstream'), 'must be an http:// or https:// URL');
  }
  if (Object.hasOwn(doc, 'pathRewrite'))
    checkPathRewrite(pathRewrite, pointerTo(pointer, 'pathRewrite'), problems);
  if (problems.count > before) return undefined;
  return {
    kind: 'proxy',
    upstream: (upstream as string | undefined) ?? null,
    pathRewrite: (pathRewrite as CompiledProxyResponse['pathRewrite'] | undefined) ?? null,
  };
}

function isHttpUrl(value: unknown): boolean {
  return typeof value === 'string' && UPSTREAM.test(value) && URL.canParse(value);
}

function checkPathRewrite(doc: unknown, pointer: string, problems: CompileProblems): void {
  if (!isPlainObject(doc)) {
    problems.add(pointer, 'must be { "from": "/prefix", "to": "/other" }');
    return;
  }
  checkKeys(doc, ['from', 'to'], pointer, problems);
  for (const key of ['from', 'to'] as const) {
    const value = doc[key];
    if (typeof value !== 'string' || !value.startsWith('/')) {
      problems.add(pointerTo(pointer, key), 'must be a path starting with /');
    }
  }
}
