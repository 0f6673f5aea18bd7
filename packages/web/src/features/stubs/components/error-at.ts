import type { ErrorDetail } from '@understudy/contracts';
import { messageAt } from '../../../lib/error-pointers';

/** The error message for a JSON pointer into the stub (e.g. /body/request/path), if there is one. */
export type ErrorAt = (pointer: string) => string | undefined;

export const errorLookup =
  (details: readonly ErrorDetail[]): ErrorAt =>
  (pointer) =>
    messageAt(details, pointer);
