import type { ErrorDetail, Stub, StubInput } from '@understudy/contracts';
import { isRecord, omitKeys, type Json } from './json-value';
import { emptyRequestForm, fromRequestForm, toRequestForm, type RequestForm } from './request-form';
import { emptyResponseForm, fromResponseForm, toResponseForm, type ResponseForm } from './response-form';

/** Everything the stub form edits. */
export interface StubForm {
  name: string;
  priority: number | '';
  enabled: boolean;
  request: RequestForm;
  response: ResponseForm;
  /** Top-level keys the form doesn't know (a typo in the JSON tab), put back so the server can say so. */
  preserved: Json;
}

const TOP_KEYS = ['name', 'priority', 'enabled', 'request', 'response'];

export const emptyStubForm = (): StubForm => ({
  name: '',
  priority: 0,
  enabled: true,
  request: emptyRequestForm(),
  response: emptyResponseForm(),
  preserved: {},
});

/** A stored stub as the document a client writes (no id, no timestamps). */
export function toStubInput(stub: Stub): StubInput {
  const { name, priority, enabled, request, response } = stub;
  return { ...(name !== undefined && { name }), priority, enabled, request, response };
}

/** The form's view of a stub document, and the names of the predicate parts only the JSON tab shows. */
export function toStubForm(doc: Json): { form: StubForm; hidden: string[] } {
  const { form: request, hidden } = toRequestForm(isRecord(doc.request) ? doc.request : {});
  return {
    form: {
      name: typeof doc.name === 'string' ? doc.name : '',
      priority: typeof doc.priority === 'number' ? doc.priority : 0,
      enabled: doc.enabled !== false,
      request,
      response: toResponseForm(isRecord(doc.response) ? doc.response : { kind: 'static' }),
      preserved: omitKeys(doc, TOP_KEYS),
    },
    hidden,
  };
}

/**
 * The stub document the form describes, and what is wrong with it before asking the server
 * (each problem points where the server's own details would).
 */
export function fromStubForm(form: StubForm): { doc: Json; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const name = form.name.trim();
  const doc: Json = {
    ...form.preserved,
    ...(name && { name }),
    priority: form.priority === '' ? 0 : form.priority,
    enabled: form.enabled,
    request: fromRequestForm(form.request, problems),
    response: fromResponseForm(form.response, problems),
  };
  return { doc, problems };
}
