import { pointerToken } from '../../../lib/error-pointers';
import { responseHeaderPointer } from '../utils/response-form';
import type { StubForm } from '../utils/stub-form';

const rowPointers = (base: string, rows: readonly { name: string }[]) =>
  rows.map((row) => `${base}/${pointerToken(row.name.trim())}`);

/** The pointers the Form tab shows an error under; errors elsewhere go above the form. */
export function placedPointers(form: StubForm): string[] {
  const { request, response } = form;
  const byKind = {
    static: [
      '/body/response/status',
      ...response.static.headers.map((row) => responseHeaderPointer(row.name)),
      response.static.bodyType === 'json'
        ? '/body/response/body'
        : `/body/response/${response.static.bodyType}`,
      '/body/response/delayMs',
      '/body/response/fault',
    ],
    python: ['/body/response/code', '/body/response/timeoutMs'],
    proxy: ['/body/response/upstream', '/body/response/pathRewrite'],
  };
  return [
    '/body/name',
    '/body/priority',
    '/body/request/method',
    '/body/request/path',
    ...rowPointers('/body/request/query', request.query),
    ...rowPointers('/body/request/headers', request.headers),
    '/body/request/body',
    ...byKind[response.kind],
  ];
}
