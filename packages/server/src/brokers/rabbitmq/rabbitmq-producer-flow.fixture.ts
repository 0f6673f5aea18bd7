import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from 'rabbitmq-client';
import { SERVICES } from '../../testing/services.js';

export interface Flow {
  /** Seqs the broker confirmed into IN. */
  readonly confirmed: Set<number>;
  retries: number;
  readonly done: Promise<void>;
  close(): Promise<void>;
}

/**
 * How the producer makes a retried publish recognisable as the same message: by a message id per seq
 * (the bridge passes the broker's id on), or by publishing the very same bytes and properties again
 * (the bridge derives the id from a hash). rabbitmq-client stamps every publish with the current
 * second unless told otherwise, which would make a retry one second later a different message.
 */
export type ProducerIds = 'message-id' | 'same-bytes';

/**
 * An at-least-once producer on its own connection: `workers` loops publish { seq } for seq 0…total-1
 * into `queue`, each retried until confirmed, about `perSecond` in all, so faults land mid-stream.
 */
export function publishFlow(
  queue: string,
  total: number,
  workers: number,
  perSecond: number,
  ids: ProducerIds,
): Flow {
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
  const timestamp = Math.floor(Date.now() / 1000);
  const identity = (seq: number) => (ids === 'message-id' ? { messageId: `seq-${seq}` } : { timestamp });
  const worker = async () => {
    for (let seq = next++; seq < total; seq = next++) {
      for (;;) {
        try {
          await pub.send({ routingKey: queue, durable: true, ...identity(seq) }, { seq });
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
