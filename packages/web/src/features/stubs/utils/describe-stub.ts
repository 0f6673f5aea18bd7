import type { Stub } from '@understudy/contracts';
import { isRecord, type Json } from './json-value';

function describePath(path: unknown): string {
  if (path === undefined) return 'any path';
  if (typeof path === 'string') return path;
  if (!isRecord(path)) return '?';
  if (typeof path.template === 'string') return path.template;
  const [operator, operand] = Object.entries(path).find(([key]) => key !== 'caseInsensitive') ?? ['?', ''];
  return operator === 'equals' ? String(operand) : `${operator} ${String(operand)}`;
}

function describeMethod(method: unknown): string {
  if (method === undefined) return 'ANY';
  return Array.isArray(method) ? method.join('|') : String(method);
}

/** "GET /orders/{id}" and how many more conditions there are, for lists. */
export function describeRequest(stub: Stub): { line: string; more: number } {
  const request = stub.request as Json;
  const count = (key: string) => (isRecord(request[key]) ? Object.keys(request[key]).length : 0);
  const more =
    count('query') +
    count('headers') +
    count('cookies') +
    (request.body === undefined ? 0 : 1) +
    ['allOf', 'anyOf', 'not'].filter((key) => request[key] !== undefined).length;
  return { line: `${describeMethod(request.method)} ${describePath(request.path)}`, more };
}

/** "201 JSON", "Python handler", "Forward to upstream". */
export function describeResponse(stub: Stub): string {
  const response = stub.response;
  if (response.kind === 'python') return 'Python handler';
  if (response.kind === 'proxy')
    return response.upstream ? `Forward to ${response.upstream}` : 'Forward to upstream';
  if (response.fault) return `Fault: ${response.fault}`;
  const body =
    response.body !== undefined
      ? 'JSON'
      : response.text !== undefined
        ? 'text'
        : response.base64
          ? 'binary'
          : 'no body';
  return `${response.status ?? 200} ${body}`;
}

/** Higher priority first, then the newest, as the brief of the list asks (ties among matches also go to the newest). */
export function byPriorityThenNewest(a: Stub, b: Stub): number {
  return b.priority - a.priority || b.createdAt.localeCompare(a.createdAt);
}
