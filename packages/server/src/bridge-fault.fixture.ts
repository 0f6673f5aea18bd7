import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from 'rabbitmq-client';
import type { OutMessage } from './http/admin/bridge-test.fixture.js';
import { SERVICES } from './testing/services.js';

export interface Flow {
  /** Seqs the broker confirmed into IN. */
  readonly confirmed: Set<number>;
  retries: number;
  readonly done: Promise<void>;
  close(): Promise<void>;
}

/**
 * An at-least-once producer on its own connection: `workers` loops publish { seq } for seq 0…total-1
 * into `queue`, each retried until confirmed, about `perSecond` in all, so faults land mid-stream.
 */
export function publishFlow(queue: string, total: number, workers: number, perSecond: number): Flow {
  const conn = new Connection({
    url: SERVICES.rabbitmq.url,
    retryLow: 100,
    retryHigh: 1000,
    connectionName: `${queue}-producer`,
  });
  conn.on('error', () => {});
  const pub = conn.createPublisher({ confirm: true, maxAttempts: 1 });
  const confirmed = new Set<number>();
  let retries = 0;
  let next = 0;
  const pause = (1000 * workers) / perSecond;
  const worker = async () => {
    for (let seq = next++; seq < total; seq = next++) {
      for (;;) {
        try {
          await pub.send({ routingKey: queue, durable: true }, { seq });
          confirmed.add(seq);
          break;
        } catch {
          retries += 1;
          await sleep(100);
        }
      }
      if (pause >= 1) await sleep(pause);
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker)).then(() => undefined);
  return {
    confirmed,
    get retries() {
      return retries;
    },
    done,
    close: async () => {
      await pub.close();
      await conn.close();
    },
  };
}

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
