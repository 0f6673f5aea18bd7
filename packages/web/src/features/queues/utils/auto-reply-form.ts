import type { AutoReply, BodyEncoding } from '@understudy/contracts';
import { emptyHeaderRow, toHeaderRows, toHeaders, type HeaderRow } from './header-rows';
import { bodyToText, parseBody } from './message-body-input';

export interface AutoReplyValue {
  enabled: boolean;
  encoding: BodyEncoding;
  body: string;
  contentType: string;
  headers: HeaderRow[];
}

export function autoReplyValue(autoReply: AutoReply | null): AutoReplyValue {
  if (!autoReply)
    return { enabled: false, encoding: 'json', body: '', contentType: '', headers: [emptyHeaderRow()] };
  const encoding = autoReply.bodyEncoding ?? (typeof autoReply.body === 'string' ? 'text' : 'json');
  return {
    enabled: true,
    encoding,
    body: bodyToText(autoReply.body, encoding),
    contentType: autoReply.contentType ?? '',
    headers: [...toHeaderRows(autoReply.headers), emptyHeaderRow()],
  };
}

export type BuiltAutoReply = { ok: true; autoReply: AutoReply | null } | { ok: false; bodyError: string };

/** The contract's static auto-reply, null when turned off, or why the body cannot be sent. */
export function toAutoReply(value: AutoReplyValue): BuiltAutoReply {
  if (!value.enabled) return { ok: true, autoReply: null };
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
