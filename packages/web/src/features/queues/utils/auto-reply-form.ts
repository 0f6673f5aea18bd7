import type { AutoReply, BodyEncoding } from '@understudy/contracts';
import { emptyHeaderRow, toHeaderRows, toHeaders, type HeaderRow } from './header-rows';
import { bodyToText, parseBody } from './message-body-input';

export type AutoReplyKind = AutoReply['kind'];

export const REPLY_HANDLER_TEMPLATE = `def handler(body, headers):
    # body: the message body, parsed JSON (or the text); headers: a dict with lower-case names.
    # The return value is the reply: a value (JSON), (status, body) or (status, body, headers).
    # A status other than 200 is sent as the header x-status.
    order = body.get("order") if isinstance(body, dict) else None
    print("answering", order)  # print() output is kept beside the reply
    return {"order": order, "status": "accepted"}
`;

export interface AutoReplyValue {
  enabled: boolean;
  kind: AutoReplyKind;
  encoding: BodyEncoding;
  body: string;
  contentType: string;
  headers: HeaderRow[];
  code: string;
  timeoutMs: number | '';
}

const OFF: AutoReplyValue = {
  enabled: false,
  kind: 'static',
  encoding: 'json',
  body: '',
  contentType: '',
  headers: [],
  code: REPLY_HANDLER_TEMPLATE,
  timeoutMs: '',
};

/** The form's value for a saved auto-reply; each kind keeps sensible defaults for the other. */
export function autoReplyValue(autoReply: AutoReply | null): AutoReplyValue {
  if (!autoReply) return { ...OFF, headers: [emptyHeaderRow()] };
  if (autoReply.kind === 'python') {
    const { code, timeoutMs } = autoReply;
    return {
      ...OFF,
      enabled: true,
      kind: 'python',
      headers: [emptyHeaderRow()],
      code,
      timeoutMs: timeoutMs ?? '',
    };
  }
  const encoding = autoReply.bodyEncoding ?? (typeof autoReply.body === 'string' ? 'text' : 'json');
  return {
    ...OFF,
    enabled: true,
    encoding,
    body: bodyToText(autoReply.body, encoding),
    contentType: autoReply.contentType ?? '',
    headers: [...toHeaderRows(autoReply.headers), emptyHeaderRow()],
  };
}

export type BuiltAutoReply =
  { ok: true; autoReply: AutoReply | null } | { ok: false; bodyError?: string; codeError?: string };

function staticAutoReply(value: AutoReplyValue): BuiltAutoReply {
  const parsed = parseBody(value.body, value.encoding);
  if (!parsed.ok) return { ok: false, bodyError: parsed.error };
  const headers = toHeaders(value.headers);
  const contentType = value.contentType.trim();
  return {
    ok: true,
    autoReply: {
      kind: 'static',
      body: parsed.body,
      bodyEncoding: value.encoding,
      ...(Object.keys(headers).length > 0 && { headers }),
      ...(contentType && { contentType }),
    },
  };
}

/** The contract's auto-reply, null when turned off, or why it cannot be saved as typed. */
export function toAutoReply(value: AutoReplyValue): BuiltAutoReply {
  if (!value.enabled) return { ok: true, autoReply: null };
  if (value.kind === 'static') return staticAutoReply(value);
  // Whether it compiles is for the server to say; it answers with the line and column.
  if (value.code.trim() === '') return { ok: false, codeError: 'Enter the handler code' };
  return {
    ok: true,
    autoReply: {
      kind: 'python',
      code: value.code,
      ...(value.timeoutMs !== '' && { timeoutMs: value.timeoutMs }),
    },
  };
}
