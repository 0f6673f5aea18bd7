import { ApiError } from './api-client';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** What a form shows for a failed submit: messages under named fields, and the rest above the form. */
export interface FormErrorView<F extends string> {
  fields: FieldErrors<F>;
  /** The error to show as a whole, or null when every detail found its field. */
  general: Error | null;
}

/** `/body/password` → `password`; only body fields can sit under a form input. */
function fieldOf(path: string): string | null {
  const match = /^\/body\/([^/]+)/.exec(path);
  return match?.[1] ?? null;
}

/** Splits an API error's details between the form's fields and a general message. */
export function toFormErrors<F extends string>(error: Error | null, fields: readonly F[]): FormErrorView<F> {
  if (!error) return { fields: {}, general: null };
  if (!(error instanceof ApiError)) return { fields: {}, general: error };
  const named: FieldErrors<F> = {};
  let unplaced = error.details.length === 0;
  for (const detail of error.details) {
    const field = fieldOf(detail.path);
    const known = fields.find((f) => f === field);
    if (known === undefined) {
      unplaced = true;
    } else if (named[known] === undefined) {
      named[known] = detail.message;
    }
  }
  return { fields: named, general: unplaced ? error : null };
}

/**
 * Blank required fields, checked before calling the server: "Enter a username" reads better than
 * the schema's "must NOT have fewer than 1 characters", and saves a round trip.
 */
export function missingFields<F extends string>(
  values: Record<F, string>,
  messages: Record<F, string>,
): FieldErrors<F> {
  const missing: FieldErrors<F> = {};
  for (const field of Object.keys(messages) as F[]) {
    if (values[field] === '') missing[field] = messages[field];
  }
  return missing;
}
