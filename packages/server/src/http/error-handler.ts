import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorDetail } from '../core/errors.js';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

export interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[] };
}

export function errorBody(code: string, message: string, details: ErrorDetail[] = []): ErrorBody {
  return { error: { code, message, details } };
}

function pointerOf(context: string, issue: AjvIssue): string {
  const base = `/${context}${issue.instancePath}`;
  const child = issue.params.missingProperty ?? issue.params.additionalProperty;
  return typeof child === 'string' ? `${base}/${child}` : base;
}

function describe(issue: AjvIssue): string {
  if (issue.keyword === 'additionalProperties') return 'is not a known field; remove it';
  if (issue.keyword === 'required') return 'is required';
  return issue.message ?? 'is invalid';
}

export function validationDetails(context: string, issues: readonly AjvIssue[]): ErrorDetail[] {
  // anyOf/oneOf add a summary issue on top of each branch's; the branch issues say more.
  const useful = issues.filter((i) => i.keyword !== 'anyOf' && i.keyword !== 'oneOf');
  return (useful.length ? useful : issues).map((i) => ({
    path: pointerOf(context, i),
    message: describe(i),
  }));
}

/** Fastify's own 4xx codes, renamed to ours with a message that says what to fix. */
const FRAMEWORK_ERRORS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'BODY_TOO_LARGE',
    message: 'The request body is larger than this server accepts',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the body as JSON with "Content-Type: application/json"',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'BODY_EMPTY',
    message: 'The body is empty but Content-Type says JSON; send a JSON value (at least {})',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_JSON', message: 'The body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'BAD_CONTENT_LENGTH',
    message: 'Content-Length does not match the body',
  },
};

export function toErrorReply(error: FastifyError): { status: number; body: ErrorBody } {
  if (error instanceof DomainError) {
    return { status: error.status, body: errorBody(error.code, error.message, error.details) };
  }
  if (error.validation) {
    const details = validationDetails(error.validationContext ?? 'body', error.validation as AjvIssue[]);
    const first = details[0];
    const message = first ? `Invalid request: ${first.path} ${first.message}` : 'Invalid request';
    return { status: 400, body: errorBody('VALIDATION_FAILED', message, details) };
  }
  const status = error.statusCode ?? 500;
  if (status === 429) return { status, body: errorBody('RATE_LIMITED', error.message) };
  const known = FRAMEWORK_ERRORS[error.code];
  if (known) return { status, body: errorBody(known.code, `${known.message} (${error.message})`) };
  if (error instanceof SyntaxError && status === 400) {
    return { status, body: errorBody('MALFORMED_JSON', `The body is not valid JSON: ${error.message}`) };
  }
  if (status >= 400 && status < 500) return { status, body: errorBody('BAD_REQUEST', error.message) };
  return { status: 500, body: errorBody('INTERNAL', 'Internal error; the server log has the details') };
}

/** The one place errors become HTTP answers (STYLE rule 7): never a stack trace to the client. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorReply(error);
  if (status >= 500 && status !== 503) request.log.error({ err: error }, 'request failed');
  const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  void reply.code(status).type('application/json').send(body);
}
