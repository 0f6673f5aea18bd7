import type { BrokerKind } from '@understudy/contracts';

/** How the bridge form names and explains an IN or OUT end on each kind of broker. */
interface EndpointLook {
  /** What IN reads from: a filter where the kind has them. */
  inNoun: string;
  /** What OUT publishes to: always one name, never a filter. */
  outNoun: string;
  inPlaceholder: string;
  outPlaceholder: string;
  /** What "create" does for IN; null where there is nothing to create (MQTT topics just exist). */
  inCreate: string | null;
  /** Only RabbitMQ declares an OUT queue; elsewhere the API refuses `out.create`. */
  outCreate: boolean;
  /** Caveats worth saying under IN and OUT, where there are some. */
  inNote?: string;
  outNote?: string;
}

export const ENDPOINT_LOOK: Record<BrokerKind, EndpointLook> = {
  rabbitmq: {
    inNoun: 'queue',
    outNoun: 'queue',
    inPlaceholder: 'orders.in',
    outPlaceholder: 'orders.out',
    inCreate: 'Create the IN queue if it is missing',
    outCreate: true,
  },
  nats: {
    inNoun: 'subject',
    outNoun: 'subject',
    inPlaceholder: 'orders.created',
    outPlaceholder: 'orders.mapped',
    inCreate: 'Create a stream capturing the IN subject if none does',
    outCreate: false,
    outNote: 'A stream must capture the OUT subject (a queue mock on it with "Create a stream" makes one)',
  },
  mqtt: {
    inNoun: 'topic filter',
    outNoun: 'topic',
    inPlaceholder: 'orders/+/created',
    outPlaceholder: 'orders/mapped',
    inCreate: null,
    outCreate: false,
    inNote:
      'The bridge has its own persistent session: what is published before it starts is not kept for it',
  },
  redis: {
    inNoun: 'stream key',
    outNoun: 'stream key',
    inPlaceholder: 'orders.created',
    outPlaceholder: 'orders.mapped',
    inCreate: "Create the IN stream and the bridge's consumer group if missing",
    outCreate: false,
  },
};

/** The look of an end whose broker is not chosen (or not known) yet. */
export const lookOf = (kind: BrokerKind | undefined): EndpointLook => ENDPOINT_LOOK[kind ?? 'rabbitmq'];
