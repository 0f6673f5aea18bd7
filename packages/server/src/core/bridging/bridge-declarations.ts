import type { BridgeRecord } from '../ports/bridge-store.js';
import type { BrokerKind, DeclareOptions } from '../ports/broker-client.js';

/**
 * How each broker kind declares a bridge's IN. Consumer names (durable, session, group) are the
 * bridge's own, so a queue mock reading the same subject, topic or stream still gets every message
 * (on NATS, on a stream Understudy created: work-queue streams allow one reader per subject). They
 * are the same on every node, so nodes running one bridge compete for its messages (DESIGN §7). On
 * MQTT that is a shared subscription with a session per node, named after the node id, which
 * survives restarts: Mosquitto goes on routing a share group's messages to a session, so its node
 * must come back under the same name to read them.
 */
export const inDeclarations: Record<BrokerKind, (bridge: BridgeRecord) => DeclareOptions> = {
  rabbitmq: ({ in: { create } }) => ({ kind: 'rabbitmq', create, durable: true, queueType: 'classic' }),
  nats: ({ id, in: { create } }) => ({ kind: 'nats', create, durable: `understudy-bridge-${id}` }),
  mqtt: ({ id }) => ({ kind: 'mqtt', shareGroup: `understudy-bridge-${id}` }),
  redis: ({ id, in: { create } }) => ({ kind: 'redis', create, group: `understudy-bridge-${id}` }),
};

/** OUT queues are only declared when asked, and then like a queue mock's: durable, classic. */
export const OUT_DECLARATION: DeclareOptions = {
  kind: 'rabbitmq',
  create: true,
  durable: true,
  queueType: 'classic',
};
