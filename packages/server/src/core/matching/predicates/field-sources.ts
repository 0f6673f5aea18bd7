import type { CompiledJsonPath } from '../json-path.js';
import { ownValue, type RequestSnapshot } from '../request-snapshot.js';
import { INAPPLICABLE, type FieldValues, type ValueSource } from './field-predicate.js';

// Where field predicates read from. Each source is built once per stub at compile time; reading
// allocates nothing beyond what the snapshot memoizes.

const NONE: readonly string[] = Object.freeze([]);

export const methodSource: ValueSource = {
  label: 'method',
  inapplicableReason: '',
  read: (snapshot) => snapshot.method,
};

export const pathSource: ValueSource = {
  label: 'path',
  inapplicableReason: '',
  read: (snapshot) => snapshot.path,
};

/** The body as text; an empty body counts as absent, so `{ "exists": false }` means "no body". */
export const bodyTextSource: ValueSource = {
  label: 'body',
  inapplicableReason: '',
  read: (snapshot) => (snapshot.body.length === 0 ? undefined : snapshot.text),
};

export function headerSource(name: string): ValueSource {
  const lowerName = name.toLowerCase();
  return {
    label: `headers.${lowerName}`,
    inapplicableReason: '',
    read: (snapshot) => ownValue(snapshot.headers, lowerName),
  };
}

export function cookieSource(name: string): ValueSource {
  return {
    label: `cookies.${name}`,
    inapplicableReason: '',
    read: (snapshot) => ownValue(snapshot.cookies, name),
  };
}

export function querySource(name: string): ValueSource {
  return {
    label: `query.${name}`,
    inapplicableReason: '',
    read: (snapshot) => ownValue(snapshot.query, name) ?? NONE,
  };
}

export function formSource(name: string): ValueSource {
  return {
    label: `form.${name}`,
    inapplicableReason: 'body is not a form (application/x-www-form-urlencoded)',
    read(snapshot): FieldValues {
      const form = snapshot.form;
      return form === undefined ? INAPPLICABLE : (ownValue(form, name) ?? NONE);
    },
  };
}

export function jsonPathSource(path: CompiledJsonPath): ValueSource {
  return {
    label: `body ${path.source}`,
    inapplicableReason: 'body is not JSON',
    read(snapshot: RequestSnapshot): FieldValues {
      const json = snapshot.json;
      return json === undefined ? INAPPLICABLE : path.evaluate(json);
    },
  };
}
