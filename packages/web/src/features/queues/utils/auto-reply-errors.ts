import type { AutoReply, ErrorDetail } from '@understudy/contracts';
import { messageAt } from '../../../lib/error-pointers';

export interface AutoReplyErrors {
  body?: string;
  contentType?: string;
  headerOf?: (token: string) => string | undefined;
  code?: string;
  timeoutMs?: string;
}

/** The handler code as it was sent, when the last save sent a Python auto-reply. */
export function sentCode(autoReply: AutoReply | null | undefined): string | undefined {
  return autoReply?.kind === 'python' ? autoReply.code : undefined;
}

/**
 * The auto-reply fields' errors: what the form found itself first, else what the server said. A
 * server error about the code holds only while the code is still what was sent.
 */
export function autoReplyErrors(
  details: readonly ErrorDetail[],
  local: { body?: string; code?: string },
  code: { current: string; sent: string | undefined },
): AutoReplyErrors {
  const serverCodeError = code.current === code.sent ? messageAt(details, '/body/autoReply/code') : undefined;
  return {
    body: local.body ?? messageAt(details, '/body/autoReply/body'),
    contentType: messageAt(details, '/body/autoReply/contentType'),
    headerOf: (token) => messageAt(details, `/body/autoReply/headers/${token}`),
    code: local.code ?? serverCodeError,
    timeoutMs: messageAt(details, '/body/autoReply/timeoutMs'),
  };
}
