import type { BridgeMessage } from '@understudy/contracts';

/** A body for reading: JSON pretty-printed, text as it is, bytes as base64 (labelled). */
export function bodyText(message: Pick<BridgeMessage, 'body' | 'bodyEncoding'>): string {
  if (message.bodyEncoding === 'json') return JSON.stringify(message.body, null, 2);
  if (message.bodyEncoding === 'base64') return `base64: ${String(message.body)}`;
  return String(message.body);
}

/** One line for a table cell. */
export function bodyLine(message: Pick<BridgeMessage, 'body' | 'bodyEncoding'>, max = 120): string {
  const text = message.bodyEncoding === 'json' ? JSON.stringify(message.body) : String(message.body);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Body text typed by a person: JSON when it parses (the mapper then gets a dict), else text. */
export function typedBody(text: string): { body: unknown; bodyEncoding?: 'text' } {
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return { body: text, bodyEncoding: 'text' };
  }
}
