import type { BrokerKind, DeclareOptions } from '../ports/broker-client.js';
import type { QueueMockOptions } from '../ports/queue-mock-store.js';
import { ValidationError } from '../errors.js';

/** What a declaration is derived from: the stored queue mock. */
export interface QueueMockTarget {
  id: string;
  queue: string;
  create: boolean;
  options: QueueMockOptions;
}

/**
 * Each kind's declaration of a queue mock's target. Names that must survive restarts and be the same
 * on every Understudy node (durable consumer, session, group) derive from what all nodes share through
 * the database (subject, queue mock id), so several nodes reading one queue mock compete (DESIGN §7).
 */
export const declarations: Record<BrokerKind, (target: QueueMockTarget) => DeclareOptions> = {
  rabbitmq: ({ create, options }) => ({
    kind: 'rabbitmq',
    create,
    durable: options.durable ?? true,
    queueType: options.queueType ?? 'classic',
    bindings: options.bindings ?? [],
  }),
  // The adapter derives the stream and durable consumer from the subject, the same on every node.
  nats: ({ create }) => ({ kind: 'nats', create }),
  mqtt: ({ id }) => ({ kind: 'mqtt', sessionId: `understudy-${id}` }),
  redis: ({ create }) => ({ kind: 'redis', create, group: 'understudy' }),
};

/** Options only some kinds understand; elsewhere they are refused rather than silently ignored. */
const KIND_OPTIONS: Record<keyof QueueMockOptions, readonly BrokerKind[]> = {
  durable: ['rabbitmq'],
  queueType: ['rabbitmq'],
  bindings: ['rabbitmq'],
  prefetch: ['rabbitmq', 'nats', 'mqtt', 'redis'],
};

export function checkQueueOptions(kind: BrokerKind, options: QueueMockOptions): void {
  const problems = Object.keys(options)
    .filter((key) => options[key as keyof QueueMockOptions] !== undefined)
    .filter((key) => !KIND_OPTIONS[key as keyof QueueMockOptions].includes(kind))
    .map((key) => ({ path: `/body/options/${key}`, message: `is not supported by ${kind} brokers` }));
  if (options.queueType === 'quorum' && options.durable === false) {
    problems.push({ path: '/body/options/durable', message: 'must not be false for a quorum queue' });
  }
  const first = problems[0];
  if (first) throw new ValidationError(`Invalid queue options: ${first.path} ${first.message}`, problems);
}
