import type { ErrorDetail } from '@understudy/contracts';
import { messageAt } from '../../../lib/error-pointers';

export interface AutoReplyErrors {
  body?: string;
  contentType?: string;
  headerOf?: (token: string) => string | undefined;
  code?: string;
  timeoutMs?: string;
}

/** The auto-reply fields' errors: what the form found itself first, else what the server said. */
export function autoReplyErrors(
  details: readonly ErrorDetail[],
  local: { body?: string; code?: string },
): AutoReplyErrors {
  return {
    body: local.body ?? messageAt(details, '/body/autoReply/body'),
    contentType: messageAt(details, '/body/autoReply/contentType'),
    headerOf: (token) => messageAt(details, `/body/autoReply/headers/${token}`),
    code: local.code ?? messageAt(details, '/body/autoReply/code'),
    timeoutMs: messageAt(details, '/body/autoReply/timeoutMs'),
  };
}
