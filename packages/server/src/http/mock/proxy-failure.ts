import { UpstreamFailedError } from '../../core/proxy/proxy-settings.js';
import { CONNECT_TIMEOUT_MS } from './proxy-agent.js';

/** The service and upstream a failure is about, for a message that says where to look. */
export interface FailureContext {
  readonly service: string;
  readonly method: string;
  readonly target: string;
  readonly timeoutMs: number;
}

type Reason = { code: UpstreamFailedError['code']; status: 502 | 504; what: string };

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** reply-from wraps the transport's error; the innermost code says what happened. */
function rootCode(error: Error): string | undefined {
  let current: unknown = error;
  let code: string | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    code = codeOf(current) ?? code;
    const cause = (current as { cause?: unknown }).cause;
    if (!cause) break;
    current = cause;
  }
  return code;
}

function innermost(error: Error): Error {
  let current = error;
  while (current.cause instanceof Error) current = current.cause;
  return current;
}

const REASONS: Record<string, (ctx: FailureContext, error: Error) => Reason> = {
  UND_ERR_HEADERS_TIMEOUT: (ctx) => timeout(`sent no response within ${ctx.timeoutMs} ms`),
  UND_ERR_BODY_TIMEOUT: (ctx) => timeout(`stopped sending its body for ${ctx.timeoutMs} ms`),
  UND_ERR_CONNECT_TIMEOUT: () => timeout(`could not be connected to within ${CONNECT_TIMEOUT_MS} ms`),
  ECONNREFUSED: () => unreachable('refused the connection (nothing listens there?)'),
  ENOTFOUND: () => unreachable('has a host name that does not resolve'),
  EAI_AGAIN: () => unreachable('has a host name that could not be resolved right now'),
  ECONNRESET: () => unreachable('closed the connection before answering'),
  UND_ERR_SOCKET: () => unreachable('closed the connection before answering'),
  EHOSTUNREACH: () => unreachable('is on a host that cannot be reached'),
  ENETUNREACH: () => unreachable('is on a network that cannot be reached'),
  UPSTREAM_FORBIDDEN: (_ctx, error) => ({
    code: 'UPSTREAM_FORBIDDEN',
    status: 502,
    what: `is refused: ${innermost(error).message}`,
  }),
};

function timeout(what: string): Reason {
  return { code: 'UPSTREAM_TIMEOUT', status: 504, what };
}

function unreachable(what: string): Reason {
  return { code: 'UPSTREAM_UNREACHABLE', status: 502, what };
}

/**
 * What the client is told when forwarding fails: 504 for slowness, 502 for everything else, with a
 * message naming the service, the upstream URL and what went wrong.
 */
export function describeFailure(error: Error, ctx: FailureContext): UpstreamFailedError {
  if (error instanceof UpstreamFailedError) return error;
  const code = rootCode(error);
  const known = code === undefined ? undefined : REASONS[code]?.(ctx, error);
  const reason = known ?? unreachable(`failed: ${innermost(error).message || code || 'unknown error'}`);
  const message = `Service "${ctx.service}" could not forward ${ctx.method} to ${ctx.target}: the upstream ${reason.what}`;
  return new UpstreamFailedError(reason.code, reason.status, message);
}
