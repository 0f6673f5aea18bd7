import type { ErrorDetail } from '../errors.js';
import { ValidationError } from '../errors.js';

/** One step into a value: an object key or an array index. */
type Step = string | number;

interface Placeholder {
  root: 'body' | 'headers';
  steps: Step[];
}

/** A template string: literal text between placeholders, or exactly one placeholder (keeps its type). */
type CompiledString = { whole: Placeholder } | { parts: Array<string | Placeholder> };

type CompiledNode =
  | { literal: unknown }
  | { string: CompiledString }
  | { array: CompiledNode[] }
  | { object: Array<[string, CompiledNode]> };

export interface CompiledTemplate {
  body: CompiledNode;
  headers: Array<[string, CompiledString]> | null;
}

export interface TemplateInput {
  body: unknown;
  headers: Readonly<Record<string, unknown>>;
}

const PLACEHOLDER = /\{\{\s*(.*?)\s*\}\}/g;
const ROOT = /^(body|headers)(?=$|[.[])/;
const STEP = /^(?:\.([^.[\]\s]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\['([^']*)'\])/;

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function parsePath(path: string): Placeholder | string {
  const root = ROOT.exec(path);
  if (!root) return `"{{ ${path} }}" must start with body or headers (e.g. {{ body.id }})`;
  const steps: Step[] = [];
  let rest = path.slice(root[0].length);
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) return `"{{ ${path} }}": cannot read "${rest}"; use .name, [0] or ["name"]`;
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else steps.push(m[3] !== undefined ? (JSON.parse(`"${m[3]}"`) as string) : (m[4] ?? ''));
    rest = rest.slice(m[0].length);
  }
  return { root: root[1] as Placeholder['root'], steps };
}

function compileString(text: string, pointer: string, problems: ErrorDetail[]): CompiledString | null {
  const parts: Array<string | Placeholder> = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const parsed = parsePath(match[1] ?? '');
    if (typeof parsed === 'string') problems.push({ path: pointer, message: parsed });
    else parts.push(text.slice(last, match.index), parsed);
    last = (match.index ?? 0) + match[0].length;
  }
  if (parts.length === 0) return null;
  parts.push(text.slice(last));
  const only = parts.length === 3 && parts[0] === '' && parts[2] === '' ? parts[1] : undefined;
  return only && typeof only !== 'string' ? { whole: only } : { parts: parts.filter((p) => p !== '') };
}

function compileNode(value: unknown, pointer: string, problems: ErrorDetail[]): CompiledNode {
  if (typeof value === 'string') {
    const compiled = compileString(value, pointer, problems);
    return compiled ? { string: compiled } : { literal: value };
  }
  if (Array.isArray(value))
    return { array: value.map((v, i) => compileNode(v, `${pointer}/${i}`, problems)) };
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return {
      object: entries.map(([k, v]) => [k, compileNode(v, `${pointer}/${escapePointer(k)}`, problems)]),
    };
  }
  return { literal: value ?? null };
}

/**
 * Checks and compiles a JSON-template mapper once, at save time (STYLE rule 4); problems point into
 * the request body under `pointer` (e.g. /body/mapper).
 */
export function compileTemplate(
  template: unknown,
  headers: Readonly<Record<string, string>> | undefined,
  pointer: string,
): CompiledTemplate {
  const problems: ErrorDetail[] = [];
  const body = compileNode(template, `${pointer}/template`, problems);
  const compiledHeaders = headers
    ? Object.entries(headers).map(([name, text]): [string, CompiledString] => {
        const at = `${pointer}/headers/${escapePointer(name)}`;
        return [name, compileString(text, at, problems) ?? { parts: [text] }];
      })
    : null;
  const first = problems[0];
  if (first) throw new ValidationError(`Invalid template: ${first.path} ${first.message}`, problems);
  return { body, headers: compiledHeaders };
}

function lookup(input: TemplateInput, placeholder: Placeholder): unknown {
  let value: unknown = input[placeholder.root];
  for (const step of placeholder.steps) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function renderString(compiled: CompiledString, input: TemplateInput): unknown {
  if ('whole' in compiled) return lookup(input, compiled.whole) ?? null;
  return compiled.parts.map((p) => (typeof p === 'string' ? p : asText(lookup(input, p)))).join('');
}

function render(node: CompiledNode, input: TemplateInput): unknown {
  if ('literal' in node) return node.literal;
  if ('string' in node) return renderString(node.string, input);
  if ('array' in node) return node.array.map((n) => render(n, input));
  return Object.fromEntries(node.object.map(([k, n]) => [k, render(n, input)]));
}

/** The OUT body, and the OUT headers when the template sets them (null: keep IN's). A missing path gives null. */
export function applyTemplate(
  compiled: CompiledTemplate,
  input: TemplateInput,
): { body: unknown; headers: Record<string, string> | null } {
  const headers = compiled.headers
    ? Object.fromEntries(compiled.headers.map(([name, s]) => [name, asText(renderString(s, input))]))
    : null;
  return { body: render(compiled.body, input), headers };
}
