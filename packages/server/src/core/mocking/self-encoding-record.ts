import type { JournalRecord } from '../ports/index.js';

/**
 * A journal record that writes its own entry as JSON text. Mock calls are journaled by the thousand
 * per second: writing the text from parts serialized once per stub costs far less than building the
 * entry object and stringifying it whole.
 */
export interface SelfEncodingRecord extends JournalRecord {
  encodeEntry(): string;
}

/** The entry of `record` as JSON text: its own encoding when it has one, else `encode(entry)`. */
export function entryText(record: JournalRecord, encode: (value: unknown) => string): string {
  const encodeEntry = (record as Partial<SelfEncodingRecord>).encodeEntry;
  return typeof encodeEntry === 'function' ? encodeEntry.call(record) : encode(record.entry);
}
