import type { BrokerKind } from '@understudy/contracts';

/** How each broker kind is named in the UI; shared by the brokers and queues pages. */
export const BROKER_KIND_LABELS: Record<BrokerKind, string> = {
  rabbitmq: 'RabbitMQ',
  nats: 'NATS JetStream',
  mqtt: 'MQTT',
  redis: 'Redis Streams',
};

export const BROKER_KIND_ORDER: readonly BrokerKind[] = ['rabbitmq', 'nats', 'mqtt', 'redis'];
