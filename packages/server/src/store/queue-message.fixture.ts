import type { QueueMessageRecord } from '../core/ports/index.js';

export type MessageOverrides = Partial<Omit<QueueMessageRecord, 'body'>> & { body?: unknown; text?: string };

/** A stored-looking queue message received at `at`; `body` sets the JSON value, `text` a text body. */
export function queueMessage(
  queueId: string,
  at: number,
  overrides: MessageOverrides = {},
): QueueMessageRecord {
  const { body, text, ...rest } = overrides;
  return {
    queueId,
    receivedAt: at,
    routingKey: 'orders.in',
    exchange: '',
    redelivered: false,
    brokerMessageId: null,
    body:
      text === undefined
        ? { encoding: 'json', value: body ?? { seq: at, name: 'Zoë' }, size: 10, truncated: false }
        : { encoding: 'text', value: text, size: text.length, truncated: false },
    headers: { 'x-tenant': 'acme', 'x-count': 7, 'x-flag': true },
    properties: { correlationId: `c-${at}`, timestamp: at },
    ...rest,
  };
}
