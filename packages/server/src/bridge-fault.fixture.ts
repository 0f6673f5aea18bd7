import type { OutMessage } from './http/admin/bridge-test.fixture.js';

export interface Tally {
  received: number;
  distinct: number;
  lost: number;
  duplicates: number;
  /** Seqs whose copies carry different message ids (must be 0: a duplicate keeps its id). */
  idMismatches: number;
}

/** Counts what OUT got against what IN was given. */
export function tally(messages: readonly OutMessage[], sent: Iterable<number>): Tally {
  const ids = new Map<number, Set<string | undefined>>();
  for (const m of messages) {
    const seq = (m.body as { seq: number }).seq;
    const set = ids.get(seq) ?? new Set();
    set.add(m.messageId);
    ids.set(seq, set);
  }
  const lost = [...sent].filter((seq) => !ids.has(seq)).length;
  const idMismatches = [...ids.values()].filter((s) => s.size > 1).length;
  return {
    received: messages.length,
    distinct: ids.size,
    lost,
    duplicates: messages.length - ids.size,
    idMismatches,
  };
}

export function describeTally(t: Tally): string {
  return `received=${t.received} distinct=${t.distinct} lost=${t.lost} duplicates=${t.duplicates} idMismatches=${t.idMismatches}`;
}
