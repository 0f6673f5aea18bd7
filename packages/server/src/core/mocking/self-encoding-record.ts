import type { JournalRecord } from '../ports/index.js';

/**
 * A journal record that writes its own entry as JSON text. Mock calls are journaled by the thousand
 * per second: writing the text from parts serialized once per stub costs far less than building the
 * entry object and stringifying it whole.
 */
export interface SelfEncodingRecord extends JournalRecord {
  encodeEntry(): string;
  /**
   * The end of the entry text when many entries end alike (a static stub's answer is the same in
   * every call it answers), the same string each time; undefined when nothing is shared. The entry
   * is then `encodeEntryStart() + sharedEntryEnd()`, so a store may keep the shared end once.
   */
  sharedEntryEnd?(): string | undefined;
  encodeEntryStart?(): string;
}

/** The entry of `record` as JSON text: its own encoding when it has one, else `encode(entry)`. */
export function entryText(record: JournalRecord, encode: (value: unknown) => string): string {
  const encodeEntry = (record as Partial<SelfEncodingRecord>).encodeEntry;
  return typeof encodeEntry === 'function' ? encodeEntry.call(record) : encode(record.entry);
}

/** The entry of `record` split where it ends like others: `own + shared` is entryText(record). */
export function entryTextParts(
  record: JournalRecord,
  encode: (value: unknown) => string,
): { own: string; shared: string | undefined } {
  const { sharedEntryEnd, encodeEntryStart } = record as Partial<SelfEncodingRecord>;
  const shared = sharedEntryEnd?.call(record);
  return shared === undefined || encodeEntryStart === undefined
    ? { own: entryText(record, encode), shared: undefined }
    : { own: encodeEntryStart.call(record), shared };
}
