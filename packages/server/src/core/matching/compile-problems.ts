import { ValidationError, type ErrorDetail } from '../errors.js';

/** More than this many problems in one document would only bury the first, which is usually the cause. */
const MAX_PROBLEMS = 50;

/**
 * Collects what is wrong with a stub document while it is compiled, each located by a JSON pointer
 * (RFC 6901) from the document root, so one 400 can name every bad field at once.
 */
export class CompileProblems {
  readonly details: ErrorDetail[] = [];

  add(pointer: string, message: string): void {
    if (this.details.length < MAX_PROBLEMS) this.details.push({ path: pointer, message });
  }

  get count(): number {
    return this.details.length;
  }

  /** Throws the collected problems as one ValidationError, if there are any. */
  throwIfAny(what: string): void {
    const first = this.details[0];
    if (first === undefined) return;
    const more = this.details.length > 1 ? ` (and ${this.details.length - 1} more)` : '';
    throw new ValidationError(`Invalid ${what}: ${first.path || '/'} ${first.message}${more}`, this.details);
  }
}

/** Appends one reference token to a JSON pointer, escaping `~` and `/` as RFC 6901 requires. */
export function pointerTo(base: string, token: string | number): string {
  return `${base}/${String(token).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/** A JSON object: not null, not an array, not a class instance (Date, Map…). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Deeper JSON than this in a stub is refused, so comparing against it can never exhaust the stack. */
export const MAX_JSON_DEPTH = 64;

/** True for plain JSON data (finite numbers, plain objects and arrays) no deeper than MAX_JSON_DEPTH. */
export function isJsonValue(value: unknown, depth = 0): boolean {
  if (depth > MAX_JSON_DEPTH) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || !isJsonValue(value[i], depth + 1)) return false;
    }
    return true;
  }
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) {
    if (!isJsonValue(value[key], depth + 1)) return false;
  }
  return true;
}

/** Reports every key of `doc` that is not in `allowed`; returns whether there were none. */
export function checkKeys(
  doc: Record<string, unknown>,
  allowed: readonly string[],
  pointer: string,
  problems: CompileProblems,
): boolean {
  let ok = true;
  for (const key of Object.keys(doc)) {
    if (!allowed.includes(key)) {
      problems.add(
        pointerTo(pointer, key),
        `is not a known field here (expected one of: ${allowed.join(', ')})`,
      );
      ok = false;
    }
  }
  return ok;
}

/** A short, printable form of a request value for near-miss diffs and error messages. */
export function preview(value: unknown, max = 200): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
