import type { ErrorDetail, ResponseFault } from '@understudy/contracts';
import { pointerToken } from '../../../lib/error-pointers';
import { rowKey } from './conditions';
import { formatJson, isRecord, omitKeys, parseJson, type Json } from './json-value';

export const RESPONSE_KINDS = ['static', 'python', 'proxy'] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];
export type BodyType = 'none' | 'json' | 'text' | 'base64';
export type DelayKind = 'none' | 'fixed' | 'random';
export type NumberField = number | '';

export interface HeaderRow {
  key: string;
  name: string;
  value: string;
}

export interface StaticForm {
  status: NumberField;
  headers: HeaderRow[];
  bodyType: BodyType;
  body: string;
  delay: DelayKind;
  delayMs: NumberField;
  delayMin: NumberField;
  delayMax: NumberField;
  fault: ResponseFault | '';
}

export interface PythonForm {
  code: string;
  timeoutMs: NumberField;
}

export interface ProxyForm {
  upstream: string;
  rewriteFrom: string;
  rewriteTo: string;
}

/** Each kind keeps its own fields, so flipping between kinds loses nothing typed. */
export interface ResponseForm {
  kind: ResponseKind;
  static: StaticForm;
  python: PythonForm;
  proxy: ProxyForm;
  /** Keys of the response the form doesn't know, put back on save. */
  preserved: Json;
}

export const HANDLER_TEMPLATE = `def handler(body, headers):
    # body: the request body, parsed JSON (or the text); headers: a dict with lower-case names.
    # Return a value (200, JSON), (status, body) or (status, body, headers).
    name = body.get("name", "world") if isinstance(body, dict) else "world"
    print("greeting", name)  # print() output shows up in the journal
    return 200, {"hello": name}, {"x-greeted": name}
`;

export const emptyHeaderRow = (): HeaderRow => ({ key: rowKey(), name: '', value: '' });

export const emptyResponseForm = (): ResponseForm => ({
  kind: 'static',
  static: {
    status: 200,
    headers: [emptyHeaderRow()],
    bodyType: 'json',
    body: '{\n  "ok": true\n}',
    delay: 'none',
    delayMs: 0,
    delayMin: 0,
    delayMax: 1000,
    fault: '',
  },
  python: { code: HANDLER_TEMPLATE, timeoutMs: '' },
  proxy: { upstream: '', rewriteFrom: '', rewriteTo: '' },
  preserved: {},
});

const num = (value: unknown): NumberField => (typeof value === 'number' ? value : '');
const STATIC_KEYS = ['kind', 'status', 'headers', 'body', 'text', 'base64', 'delayMs', 'fault'];
const KNOWN_KEYS: Record<ResponseKind, string[]> = {
  static: STATIC_KEYS,
  python: ['kind', 'code', 'timeoutMs'],
  proxy: ['kind', 'upstream', 'pathRewrite'],
};

function headerRowsOf(headers: unknown): HeaderRow[] {
  if (!isRecord(headers)) return [];
  return Object.entries(headers).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((one) => ({ key: rowKey(), name, value: String(one) })),
  );
}

function staticOf(response: Json, base: StaticForm): StaticForm {
  const delay = response.delayMs;
  const bodyType: BodyType =
    'body' in response ? 'json' : 'text' in response ? 'text' : 'base64' in response ? 'base64' : 'none';
  const bodyText = {
    json: formatJson(response.body),
    text: response.text,
    base64: response.base64,
    none: '',
  };
  const headers = headerRowsOf(response.headers);
  return {
    status: num(response.status),
    headers: headers.length > 0 ? headers : [emptyHeaderRow()],
    bodyType,
    body: String(bodyText[bodyType] ?? ''),
    delay: typeof delay === 'number' ? 'fixed' : isRecord(delay) ? 'random' : 'none',
    delayMs: typeof delay === 'number' ? delay : base.delayMs,
    delayMin: isRecord(delay) ? num(delay.min) : base.delayMin,
    delayMax: isRecord(delay) ? num(delay.max) : base.delayMax,
    fault: response.fault === 'connection-reset' || response.fault === 'empty-response' ? response.fault : '',
  };
}

/** The form's view of a response. */
export function toResponseForm(response: Json): ResponseForm {
  const form = emptyResponseForm();
  const kind = RESPONSE_KINDS.find((k) => k === response.kind) ?? 'static';
  form.kind = kind;
  form.preserved = omitKeys(response, KNOWN_KEYS[kind]);
  if (kind === 'static') form.static = staticOf(response, form.static);
  if (kind === 'python') {
    form.python = { code: String(response.code ?? ''), timeoutMs: num(response.timeoutMs) };
  }
  if (kind === 'proxy') {
    const rewrite = isRecord(response.pathRewrite) ? response.pathRewrite : {};
    form.proxy = {
      upstream: String(response.upstream ?? ''),
      rewriteFrom: String(rewrite.from ?? ''),
      rewriteTo: String(rewrite.to ?? ''),
    };
  }
  return form;
}

function headersOf(rows: readonly HeaderRow[], problems: ErrorDetail[]): Json | undefined {
  const headers: Record<string, string | string[]> = {};
  for (const { name: raw, value } of rows) {
    const name = raw.trim();
    if (name === '' && value === '') continue;
    if (name === '') {
      problems.push({ path: '/body/response/headers/', message: 'Enter a header name' });
      continue;
    }
    const previous = headers[name];
    // A header given twice is sent twice (set-cookie), which the API writes as a list.
    headers[name] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return Object.keys(headers).length > 0 ? headers : undefined;
}

function staticBody(form: StaticForm, problems: ErrorDetail[]): Json {
  if (form.bodyType === 'none') return {};
  if (form.bodyType === 'text') return { text: form.body };
  if (form.bodyType === 'base64') return { base64: form.body.replace(/\s+/g, '') };
  if (form.body.trim() === '') return {};
  const parsed = parseJson(form.body);
  if (!parsed.ok)
    problems.push({ path: '/body/response/body', message: `is not valid JSON: ${parsed.message}` });
  return { body: parsed.ok ? parsed.value : null };
}

function fromStatic(form: StaticForm, problems: ErrorDetail[]): Json {
  const delayMs =
    form.delay === 'fixed'
      ? form.delayMs
      : form.delay === 'random'
        ? { min: form.delayMin, max: form.delayMax }
        : '';
  if (form.delay === 'random' && (form.delayMin === '' || form.delayMax === '')) {
    problems.push({ path: '/body/response/delayMs', message: 'Enter the shortest and the longest delay' });
  }
  const headers = headersOf(form.headers, problems);
  return {
    ...(form.status !== '' && { status: form.status }),
    ...(headers && { headers }),
    ...staticBody(form, problems),
    ...(delayMs !== '' && { delayMs }),
    ...(form.fault && { fault: form.fault }),
  };
}

/** The response the form describes; problems point where the server would. */
export function fromResponseForm(form: ResponseForm, problems: ErrorDetail[]): Json {
  const base: Json = { ...form.preserved, kind: form.kind };
  if (form.kind === 'static') return { ...base, ...fromStatic(form.static, problems) };
  if (form.kind === 'python') {
    const { code, timeoutMs } = form.python;
    return { ...base, code, ...(timeoutMs !== '' && { timeoutMs }) };
  }
  const { upstream, rewriteFrom, rewriteTo } = form.proxy;
  const rewrite = rewriteFrom.trim() !== '' || rewriteTo.trim() !== '';
  return {
    ...base,
    ...(upstream.trim() && { upstream: upstream.trim() }),
    ...(rewrite && { pathRewrite: { from: rewriteFrom.trim(), to: rewriteTo.trim() } }),
  };
}

/** Where the server points for one response header. */
export const responseHeaderPointer = (name: string) => `/body/response/headers/${pointerToken(name.trim())}`;
