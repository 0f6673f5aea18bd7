import axios, { AxiosError } from 'axios';
import type { ErrorDetail, ErrorEnvelope } from '@understudy/contracts';

/** A failed API call, carrying the server's error envelope (or a stand-in when there was none). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's stable code, or NETWORK_ERROR / UNEXPECTED_RESPONSE when it sent none. */
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
  }
}

function isEnvelope(data: unknown): data is ErrorEnvelope {
  if (typeof data !== 'object' || data === null || !('error' in data)) return false;
  const error = (data as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** Turns anything Axios rejects with into an ApiError, so callers handle exactly one error type. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (!(error instanceof AxiosError)) {
    return new ApiError(0, 'UNEXPECTED_ERROR', error instanceof Error ? error.message : String(error));
  }
  const response = error.response;
  if (!response) {
    return new ApiError(
      0,
      'NETWORK_ERROR',
      'Could not reach the Understudy server. Check that it is running.',
    );
  }
  if (isEnvelope(response.data)) {
    const { code, message, details } = response.data.error;
    return new ApiError(response.status, code, message, Array.isArray(details) ? details : []);
  }
  // A proxy or a crashed server may answer with HTML or nothing at all.
  const reason = response.statusText ? `${response.status} ${response.statusText}` : `${response.status}`;
  return new ApiError(
    response.status,
    'UNEXPECTED_RESPONSE',
    `The server answered with an unexpected ${reason}.`,
  );
}

/**
 * The one HTTP client of the web app. Same-origin with the server, so the session cookie rides along;
 * answers are returned as Axios gives them (callers read `.data`), only failures are reshaped.
 */
export const api = axios.create({
  baseURL: '/internal',
  withCredentials: true,
  headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
});

api.interceptors.response.use(undefined, (error: unknown) => Promise.reject(toApiError(error)));
