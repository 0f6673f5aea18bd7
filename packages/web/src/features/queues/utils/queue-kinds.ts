import type { BrokerKind } from '@understudy/contracts';

interface QueueLook {
  /** What the queue mock's `queue` names on this kind of broker. */
  label: string;
  placeholder: string;
  description: string;
  /** What "create" does here; null when there is nothing to create (MQTT topics just exist). */
  create: { label: string; description: string } | null;
}

export const QUEUE_LOOK: Record<BrokerKind, QueueLook> = {
  rabbitmq: {
    label: 'Queue',
    placeholder: 'orders.in',
    description: 'The RabbitMQ queue to read every message from',
    create: { label: 'Create the queue', description: 'Declare it if missing; off: it must exist already' },
  },
  nats: {
    label: 'Subject',
    placeholder: 'orders.>',
    description: 'The subject to read (wildcards * and > allowed), through a durable JetStream consumer',
    create: { label: 'Create a stream', description: 'Make a stream that captures the subject if none does' },
  },
  mqtt: {
    label: 'Topic filter',
    placeholder: 'orders/#',
    description: 'The topic filter to subscribe to at QoS 1 (wildcards + and # allowed)',
    create: null,
  },
  redis: {
    label: 'Stream key',
    placeholder: 'orders',
    description: 'The Redis stream to read through a consumer group',
    create: {
      label: 'Create the stream',
      description: 'Create the stream and its consumer group if missing',
    },
  },
};

/** The kind's label for the queue, e.g. in a table heading shared by several kinds. */
export const queueNoun = (kind: BrokerKind) => QUEUE_LOOK[kind].label.toLowerCase();
