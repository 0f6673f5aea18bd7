import type { CapturedBody, JournalEntry } from '@understudy/contracts';

const TIME = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hourCycle: 'h23',
});

/** 14:03:07.412: calls come in bursts, so the table shows milliseconds. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : TIME.format(date);
}

/** The body as a person reads it: JSON indented, text as it is, binary as a note. */
export function readableBody(body: CapturedBody | null): { text: string; isJson: boolean } | null {
  if (!body || body.size === 0) return null;
  if (body.text === undefined) return { text: `(binary, ${body.size} bytes)`, isJson: false };
  try {
    return { text: JSON.stringify(JSON.parse(body.text), null, 2), isJson: true };
  } catch {
    return { text: body.text, isJson: false };
  }
}

/** Who answered: the stub's name, "no match", the upstream or an error. */
export function answeredBy(entry: JournalEntry): string {
  if (entry.kind === 'unmatched') return 'no match';
  if (entry.kind === 'proxy') return 'upstream';
  if (entry.kind === 'error') return entry.stubName ? `${entry.stubName} (error)` : 'error';
  return entry.stubName ?? 'unnamed stub';
}

export function statusColor(status: number): string {
  if (status >= 500) return 'red';
  if (status >= 400) return 'orange';
  if (status >= 300) return 'blue';
  return 'teal';
}
