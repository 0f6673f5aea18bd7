import type { ErrorDetail } from '@understudy/contracts';
import {
  conditionOf,
  emptyRow,
  matcherOf,
  matchersOf,
  rowsOf,
  type ConditionRow,
  type TextOperator,
} from './conditions';
import { formatJson, isRecord, looseText, parseJson, parseLooseValue, type Json } from './json-value';

export const PATH_KINDS = [
  'any',
  'exact',
  'template',
  'regex',
  'startsWith',
  'endsWith',
  'contains',
] as const;
export type PathKind = (typeof PATH_KINDS)[number];

export interface PathCondition {
  kind: PathKind;
  value: string;
  caseInsensitive: boolean;
}

export const BODY_KINDS = ['none', 'equalsJson', 'matchesJson', 'jsonPath', 'text'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export interface BodyCondition {
  kind: BodyKind;
  /** The JSON document of equalsJson / matchesJson. */
  json: string;
  jsonPath: string;
  operator: TextOperator;
  value: string;
  caseInsensitive: boolean;
}

/** The parts of a request predicate the form edits; everything else waits in `preserved`. */
export interface RequestForm {
  methods: string[];
  path: PathCondition;
  query: ConditionRow[];
  headers: ConditionRow[];
  body: BodyCondition;
  /** Predicate keys the form can't show (allOf, cookies, a form body…), put back unchanged on save. */
  preserved: Json;
}

const BLANK_BODY: BodyCondition = {
  kind: 'none',
  json: '',
  jsonPath: '$.',
  operator: 'equals',
  value: '',
  caseInsensitive: false,
};

export const emptyRequestForm = (): RequestForm => ({
  methods: ['GET'],
  path: { kind: 'exact', value: '/', caseInsensitive: false },
  query: [emptyRow()],
  headers: [emptyRow()],
  body: BLANK_BODY,
  preserved: {},
});

function pathOf(path: unknown): PathCondition | null {
  if (path === undefined) return { kind: 'any', value: '', caseInsensitive: false };
  if (typeof path === 'string') return { kind: 'exact', value: path, caseInsensitive: false };
  if (isRecord(path) && typeof path.template === 'string' && Object.keys(path).length === 1) {
    return { kind: 'template', value: path.template, caseInsensitive: false };
  }
  const condition = conditionOf(path);
  if (!condition) return null;
  const kind = condition.operator === 'equals' ? 'exact' : condition.operator;
  if (!(PATH_KINDS as readonly string[]).includes(kind)) return null;
  return { ...condition, kind: kind as PathKind };
}

function bodyOf(body: unknown): BodyCondition | null {
  if (body === undefined) return BLANK_BODY;
  if (!isRecord(body)) return null;
  const keys = Object.keys(body);
  if (keys.length === 1 && 'equalsJson' in body)
    return { ...BLANK_BODY, kind: 'equalsJson', json: formatJson(body.equalsJson) };
  if (keys.length === 1 && 'matchesJson' in body)
    return { ...BLANK_BODY, kind: 'matchesJson', json: formatJson(body.matchesJson) };
  if (typeof body.jsonPath === 'string') {
    const { jsonPath, ...matcher } = body;
    const equals =
      'equals' in matcher && Object.keys(matcher).every((k) => k === 'equals' || k === 'caseInsensitive');
    const condition = equals
      ? {
          operator: 'equals' as const,
          value: looseText(matcher.equals),
          caseInsensitive: matcher.caseInsensitive === true,
        }
      : conditionOf(matcher);
    return condition && { ...BLANK_BODY, kind: 'jsonPath', jsonPath, ...condition };
  }
  const condition = conditionOf(body);
  return condition && { ...BLANK_BODY, kind: 'text', ...condition };
}

function methodsOf(method: unknown): string[] | null {
  if (method === undefined) return [];
  if (typeof method === 'string') return [method.toUpperCase()];
  if (Array.isArray(method) && method.every((m) => typeof m === 'string'))
    return method.map((m) => m.toUpperCase());
  return null;
}

/** The form's view of a predicate; parts it can't show go to `preserved`, with their names in `hidden`. */
export function toRequestForm(request: Json): { form: RequestForm; hidden: string[] } {
  const preserved: Json = {};
  const keep = <T>(key: string, parsed: T | null, fallback: T): T => {
    if (parsed !== null) return parsed;
    preserved[key] = request[key];
    return fallback;
  };
  const blank = emptyRequestForm();
  const form: RequestForm = {
    methods: keep('method', methodsOf(request.method), []),
    path: keep('path', pathOf(request.path), { kind: 'any', value: '', caseInsensitive: false }),
    query: keep('query', rowsOf(request.query), []),
    headers: keep('headers', rowsOf(request.headers), []),
    body: keep('body', bodyOf(request.body), BLANK_BODY),
    preserved,
  };
  for (const [key, value] of Object.entries(request)) {
    if (!['method', 'path', 'query', 'headers', 'body'].includes(key)) preserved[key] = value;
  }
  // Always leave one blank row to type into.
  if (form.query.length === 0) form.query = blank.query;
  if (form.headers.length === 0) form.headers = blank.headers;
  return { form, hidden: Object.keys(preserved) };
}

function pathMatcher(path: PathCondition, problems: ErrorDetail[]): unknown {
  const at = '/body/request/path';
  if (path.kind === 'any') return undefined;
  if (
    path.kind !== 'regex' &&
    !path.value.startsWith('/') &&
    path.kind !== 'contains' &&
    path.kind !== 'endsWith'
  ) {
    problems.push({ path: at, message: 'A path starts with /' });
  }
  if (path.kind === 'template') return { template: path.value };
  if (path.kind === 'exact')
    return path.caseInsensitive ? { equals: path.value, caseInsensitive: true } : path.value;
  return matcherOf(path.kind, path.value, path.caseInsensitive);
}

function bodyPredicate(body: BodyCondition, problems: ErrorDetail[]): unknown {
  const at = '/body/request/body';
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'equalsJson':
    case 'matchesJson': {
      const parsed = parseJson(body.json);
      if (!parsed.ok) problems.push({ path: at, message: `is not valid JSON: ${parsed.message}` });
      return { [body.kind]: parsed.ok ? parsed.value : null };
    }
    case 'jsonPath': {
      if (body.operator === 'equals') {
        return {
          jsonPath: body.jsonPath,
          equals: parseLooseValue(body.value),
          ...(body.caseInsensitive && { caseInsensitive: true }),
        };
      }
      const matcher = matcherOf(body.operator, body.value, body.caseInsensitive);
      if (typeof matcher === 'string') problems.push({ path: at, message: matcher });
      return { jsonPath: body.jsonPath, ...(typeof matcher === 'string' ? {} : matcher) };
    }
    case 'text': {
      const matcher = matcherOf(body.operator, body.value, body.caseInsensitive);
      if (typeof matcher === 'string') problems.push({ path: at, message: matcher });
      return typeof matcher === 'string' ? {} : matcher;
    }
  }
}

/** The predicate the form describes, with `preserved` put back; problems point where the server would. */
export function fromRequestForm(form: RequestForm, problems: ErrorDetail[]): Json {
  const method =
    form.methods.length === 0 ? undefined : form.methods.length === 1 ? form.methods[0] : form.methods;
  const parts: Json = {
    method,
    path: pathMatcher(form.path, problems),
    query: matchersOf(form.query, '/body/request/query', problems),
    headers: matchersOf(form.headers, '/body/request/headers', problems),
    body: bodyPredicate(form.body, problems),
  };
  const request: Json = { ...form.preserved };
  for (const [key, value] of Object.entries(parts)) if (value !== undefined) request[key] = value;
  return request;
}
