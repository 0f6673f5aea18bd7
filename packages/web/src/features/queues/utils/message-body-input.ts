import type { BodyEncoding } from '@understudy/contracts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export type ParsedBody = { ok: true; body: unknown } | { ok: false; error: string };

/** A body typed as `encoding` reads as the API wants it, or says in words what is wrong. */
export function parseBody(text: string, encoding: BodyEncoding): ParsedBody {
  if (encoding === 'text') return { ok: true, body: text };
  if (encoding === 'base64') {
    const compact = text.replace(/\s+/g, '');
    return BASE64.test(compact) && compact.length % 4 === 0
      ? { ok: true, body: compact }
      : {
          ok: false,
          error: 'Not valid base64: use A–Z, a–z, 0–9, + and /, padded with = to a multiple of 4',
        };
  }
  if (text.trim() === '') return { ok: false, error: 'Enter a JSON value, e.g. {"id": 1}, or choose Text' };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** How a kept body (as the API sends it) is shown in an editable field. */
export function bodyToText(body: unknown, encoding: BodyEncoding): string {
  if (encoding === 'json') return JSON.stringify(body, null, 2) ?? '';
  return typeof body === 'string' ? body : JSON.stringify(body);
}
