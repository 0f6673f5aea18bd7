import type { Connection, Publisher } from 'rabbitmq-client';
import type { AdminClient } from '../../testing/admin-client.js';
import { amqpClient, uniqueQueue, waitFor } from './queue-test.fixture.js';

export interface OutMessage {
  body: unknown;
  headers: Record<string, unknown>;
  messageId: string | undefined;
  contentType: string | undefined;
}

/** Messages a plain AMQP consumer read from a queue (as "any client" reading OUT would). */
export interface Collector {
  readonly messages: OutMessage[];
  close(): Promise<void>;
}

/**
 * An AMQP client of the test's own: declares the bridge's queues, publishes into IN and reads OUT,
 * then deletes every queue it made (other engineers' runs share this broker).
 */
export class BridgeAmqp {
  readonly conn: Connection = amqpClient();
  readonly #publisher: Publisher = this.conn.createPublisher({ confirm: true, maxAttempts: 3 });
  readonly #queues: string[] = [];

  /** A fresh durable queue. */
  async queue(label: string): Promise<string> {
    const queue = uniqueQueue(label);
    await this.conn.queueDeclare({ queue, durable: true });
    this.#queues.push(queue);
    return queue;
  }

  /** Forgets a queue the test deleted itself, or one the bridge created (so it is cleaned up). */
  track(queue: string): void {
    this.#queues.push(queue);
  }

  async publish(queue: string, body: unknown, headers: Record<string, unknown> = {}, messageId?: string) {
    await this.#publisher.send(
      { routingKey: queue, durable: true, headers, ...(messageId && { messageId }) },
      body,
    );
  }

  collect(queue: string): Collector {
    const messages: OutMessage[] = [];
    const consumer = this.conn.createConsumer(
      { queue, queueOptions: { passive: true }, qos: { prefetchCount: 200 } },
      async (msg) => {
        const { body, headers = {}, messageId, contentType } = msg;
        messages.push({ body, headers, messageId, contentType });
      },
    );
    consumer.on('error', () => {});
    return { messages, close: () => consumer.close() };
  }

  async close(): Promise<void> {
    await this.#publisher.close();
    for (const queue of this.#queues) await this.conn.queueDelete({ queue }).catch(() => {});
    await this.conn.close();
  }
}

/** Creates a bridge through the API; fails the test with the answer when it is not 201. */
export async function createBridge(
  admin: AdminClient,
  body: Record<string, unknown>,
): Promise<{ id: string } & Record<string, unknown>> {
  const res = await admin.post('/internal/bridges', { name: uniqueQueue('bridge'), ...body });
  if (res.statusCode !== 201) throw new Error(`bridge: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function bridgeOf(admin: AdminClient, id: string) {
  return (await admin.get(`/internal/bridges/${id}`)).json();
}

/** Waits until OUT got `count` messages; returns them. */
export function received(collector: Collector, count: number, timeoutMs = 20_000): Promise<OutMessage[]> {
  return waitFor(
    `OUT has ${count} messages`,
    () => collector.messages,
    (m) => m.length >= count,
    timeoutMs,
  );
}
