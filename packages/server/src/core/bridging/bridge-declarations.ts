import type { BridgeRecord } from '../ports/bridge-store.js';
import type { BrokerKind, DeclareOptions } from '../ports/broker-client.js';

/**
 * How each broker kind declares a bridge's IN. Consumer names (durable, session, group) are the
 * bridge's own, the same on every node, so nodes running one bridge compete for its messages, and a
 * queue mock reading the same stream or subject still gets every message (DESIGN §7).
 */
export const inDeclarations: Record<BrokerKind, (bridge: BridgeRecord) => DeclareOptions> = {
  rabbitmq: ({ in: { create } }) => ({ kind: 'rabbitmq', create, durable: true, queueType: 'classic' }),
  nats: ({ id, in: { create } }) => ({ kind: 'nats', create, durable: `understudy-bridge-${id}` }),
  mqtt: ({ id }) => ({ kind: 'mqtt', sessionId: `understudy-bridge-${id}` }),
  redis: ({ id, in: { create } }) => ({ kind: 'redis', create, group: `understudy-bridge-${id}` }),
};

/** OUT queues are only declared when asked, and then like a queue mock's: durable, classic. */
export const OUT_DECLARATION: DeclareOptions = {
  kind: 'rabbitmq',
  create: true,
  durable: true,
  queueType: 'classic',
};
