import { JSONPath } from 'jsonpath-plus';

/** A JSONPath checked at save time, evaluated per request. */
export interface CompiledJsonPath {
  readonly source: string;
  /** Every value the path selects; empty when it selects nothing. */
  evaluate(json: unknown): readonly unknown[];
}

const MAX_LENGTH = 1000;
const NOTHING: readonly unknown[] = Object.freeze([]);

/**
 * Checks a JSONPath once, when the stub is saved, and returns it compiled or a problem message.
 * jsonpath-plus is lenient (it reads `$.a[` as `$.a`), so the structure is checked here, and filter
 * scripts are parsed by running them once on a probe: its safe evaluator parses at first use.
 */
export function compileJsonPath(source: unknown): CompiledJsonPath | string {
  if (typeof source !== 'string') return 'must be a string';
  const problem = structureProblem(source) ?? scriptProblem(source);
  if (problem !== undefined) return problem;
  return { source, evaluate: (json) => evaluate(source, json) };
}

function evaluate(source: string, json: unknown): readonly unknown[] {
  // jsonpath-plus treats a falsy document as "no document"; only `$` itself selects a scalar body.
  if (json === null || typeof json !== 'object') return source === '$' ? [json] : NOTHING;
  try {
    const results: unknown = JSONPath({
      path: source,
      json,
      eval: 'safe',
      wrap: true,
      ignoreEvalErrors: true,
    });
    return Array.isArray(results) ? results : NOTHING;
  } catch {
    // The path was validated at save time; what can still fail here is a filter meeting an odd
    // request value, and for matching that simply means the path selects nothing.
    return NOTHING;
  }
}

function structureProblem(source: string): string | undefined {
  if (source.length > MAX_LENGTH) return `must be at most ${MAX_LENGTH} characters`;
  if (!source.startsWith('$')) return 'must start with $ (the document root), e.g. $.items[0].sku';
  if (source.length > 1 && source[1] !== '.' && source[1] !== '[') return 'needs . or [ after $';
  if (source.endsWith('.')) return 'ends with a dot: name a member after it';
  if (/\[\s*\]/.test(source)) return 'has empty brackets []';
  return bracketProblem(source);
}

/** Brackets, parentheses and quotes must nest and close, outside of quoted names. */
function bracketProblem(source: string): string | undefined {
  const open: string[] = [];
  let quote: string | undefined;
  for (const char of source) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if ((char === "'" || char === '"') && open.length > 0) {
      quote = char;
    } else if (char === '[' || char === '(') {
      open.push(char === '[' ? ']' : ')');
    } else if (char === ']' || char === ')') {
      if (open.pop() !== char) return `has an unmatched ${char}`;
    }
  }
  if (quote !== undefined) return `has an unclosed ${quote}`;
  const missing = open.at(-1);
  return missing === undefined ? undefined : `is missing a closing ${missing}`;
}

function scriptProblem(source: string): string | undefined {
  for (const step of JSONPath.toPathArray(source)) {
    if (!step.startsWith('?(') && !step.startsWith('(')) continue;
    try {
      JSONPath({ path: `$[${step}]`, json: [0], eval: 'safe', wrap: true, ignoreEvalErrors: true });
    } catch (error) {
      return `has an invalid expression ${step}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return undefined;
}
