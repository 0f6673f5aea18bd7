import type { ErrorDetail } from '@understudy/contracts';
import { ApiError } from './api-client';

/** The per-field details of a failed call (none for network errors and the like). */
export function detailsOf(error: Error | null): readonly ErrorDetail[] {
  return error instanceof ApiError ? error.details : [];
}

/** Whether `path` is `pointer` or lies inside it (`/body/request/path/regex` is inside `/body/request/path`). */
export function isWithin(path: string, pointer: string): boolean {
  return path === pointer || path.startsWith(`${pointer}/`);
}

/** The first message the server gave for a field or anything inside it. */
export function messageAt(details: readonly ErrorDetail[], pointer: string): string | undefined {
  return details.find((detail) => isWithin(detail.path, pointer))?.message;
}

/** The details no form field claims, to show above the form with their pointer. */
export function unplacedDetails(
  details: readonly ErrorDetail[],
  placed: readonly string[],
): readonly ErrorDetail[] {
  return details.filter((detail) => !placed.some((pointer) => isWithin(detail.path, pointer)));
}

/** JSON-pointer tokens escape `~` and `/` (RFC 6901). */
export function pointerToken(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A schema message such as `must match pattern "^[a-z0-9]…$"` reads as a regex; `hint` says it in words. */
export function inWords(message: string | undefined, hint: string): string | undefined {
  return message?.startsWith('must match pattern') ? hint : message;
}
