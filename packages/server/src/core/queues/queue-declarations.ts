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

/** The consumer state a queue mock owns on its broker (durable, share group, consumer group). */
export const readerName = (mockId: string): string => `understudy-${mockId}`;

/**
 * Each kind's declaration of a queue mock's target. Reader names derive from the queue mock id, which
 * every Understudy node reads from the database: two queue mocks (or a mock and a bridge) on one
 * subject, topic or stream each get every message, and nodes reading one queue mock share its
 * messages (DESIGN §7). What must differ per node (MQTT session, Redis consumer) the adapter adds from
 * its node id.
 */
export const declarations: Record<BrokerKind, (target: QueueMockTarget) => DeclareOptions> = {
  rabbitmq: ({ create, options }) => ({
    kind: 'rabbitmq',
    create,
    durable: options.durable ?? true,
    queueType: options.queueType ?? 'classic',
    bindings: options.bindings ?? [],
  }),
  nats: ({ id, create }) => ({ kind: 'nats', create, durable: readerName(id) }),
  // `$share/understudy-<id>/<filter>`, one session per node; publishing to the topic is unchanged.
  mqtt: ({ id }) => ({ kind: 'mqtt', shareGroup: readerName(id) }),
  redis: ({ id, create }) => ({ kind: 'redis', create, group: readerName(id) }),
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
