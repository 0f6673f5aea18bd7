import type { BridgeRecord } from '../ports/bridge-store.js';
import type { BrokerKind, DeclareOptions } from '../ports/broker-client.js';

/**
 * How each broker kind declares a bridge's IN. Consumer names (durable, session, group) are the
 * bridge's own, so a queue mock reading the same subject, topic or stream still gets every message
 * (on NATS, on a stream Understudy created: work-queue streams allow one reader per subject). They
 * are the same on every node, so nodes running one bridge compete for its messages (DESIGN §7) — on
 * MQTT not yet: one session id on several nodes makes them take it over from each other, slowed down
 * by the adapter but not shared. Sharing needs `shareGroup` with a session per node, which is safe
 * only once a node's name survives its restarts: Mosquitto goes on routing a share group's messages to
 * a session nobody will ever resume, and drops them when the session expires.
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
