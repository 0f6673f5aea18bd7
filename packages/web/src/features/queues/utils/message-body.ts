import type { BodyEncoding } from '@understudy/contracts';

export interface ReadableBody {
  text: string;
  /** What the text is, for the note under it. */
  kind: 'JSON' | 'text' | 'base64';
}

/** A body as a person reads it: JSON indented, text as it is, bytes as base64. */
export function readableBody(body: unknown, encoding: BodyEncoding): ReadableBody {
  if (encoding === 'json') return { text: JSON.stringify(body, null, 2) ?? 'null', kind: 'JSON' };
  return {
    text: typeof body === 'string' ? body : JSON.stringify(body),
    kind: encoding === 'text' ? 'text' : 'base64',
  };
}

const PREVIEW_CHARS = 160;

/** One line of the body for the table: compact JSON, text with its line breaks folded. */
export function bodyPreview(body: unknown, encoding: BodyEncoding): string {
  const text =
    encoding === 'json' ? JSON.stringify(body) : typeof body === 'string' ? body : JSON.stringify(body);
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS)}…` : line;
}

/** A header value (any JSON) as text: strings as they are, the rest as JSON. */
export function headerText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
