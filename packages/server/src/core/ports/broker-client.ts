import { DomainError } from '../errors.js';

/**
 * The port every message broker adapter implements (RabbitMQ, NATS JetStream, MQTT, Redis Streams).
 *
 * A *target* is what a queue mock reads from and what a publish goes to, named the broker's way:
 * a RabbitMQ queue, a NATS subject, an MQTT topic (filter), a Redis stream key. Everything that only
 * one kind understands lives in the kind's branch of `DeclareOptions` / `PublishOptions`.
 *
 * Delivery guarantee the port promises: a delivery is acknowledged to the broker only after the
 * consume handler's promise resolves (RabbitMQ basic.ack, JetStream ack, MQTT PUBACK, Redis XACK), so
 * a crash, a dropped connection or a rejected handler can duplicate a message but never lose it.
 */
export type BrokerKind = 'rabbitmq' | 'nats' | 'mqtt' | 'redis';

/** The reason behind a non-connected status, in a form the API can show as is. */
export interface BrokerFault {
  /** The broker's or the socket's code: `ACCESS_REFUSED`, `ECONNREFUSED`, `NOT_FOUND`, … */
  code: string;
  message: string;
  at: Date;
}

/**
 * `reconnecting`: a transient fault, retried with bounded, jittered backoff.
 * `failed`: the broker refused us for a reason a human must fix (credentials, vhost, missing queue);
 * still retried at the slow end of the backoff, so a fix on the broker side is picked up by itself.
 */
export type BrokerStatus =
  | { state: 'connecting' }
  | { state: 'connected'; since: Date }
  | { state: 'reconnecting'; lastError: BrokerFault }
  | { state: 'failed'; lastError: BrokerFault }
  | { state: 'closed' };

export interface StatusSource {
  readonly status: BrokerStatus;
  /** Calls `listener` on every change of state or error; returns the function that unsubscribes. */
  onStatusChange(listener: (status: BrokerStatus) => void): () => void;
}

/** JSON-safe header values: brokers' richer types (AMQP byte arrays, decimals) are converted on intake. */
export type HeaderValue = string | number | boolean | null | HeaderValue[] | { [key: string]: HeaderValue };
export type Headers = Record<string, HeaderValue>;

/** Message properties, AMQP-named; other kinds fill in what they carry (MQTT 5: contentType, correlationId, replyTo). */
export interface MessageProperties {
  contentType?: string;
  contentEncoding?: string;
  messageId?: string;
  correlationId?: string;
  replyTo?: string;
  /** Survives a broker restart (AMQP delivery-mode 2). Publishing defaults to true. */
  persistent?: boolean;
  priority?: number;
  expirationMs?: number;
  timestamp?: Date;
  type?: string;
  userId?: string;
  appId?: string;
}

export interface Delivery {
  /** The bytes as the broker delivered them. */
  body: Buffer;
  headers: Headers;
  properties: MessageProperties;
  /** RabbitMQ routing key, NATS subject, MQTT topic, Redis stream key. */
  subject: string;
  /** RabbitMQ only: the exchange it was published to ('' is the default exchange). */
  exchange?: string;
  redelivered: boolean;
  /**
   * The id to dedupe on: the producer's message id in the broker's own form (AMQP message-id property,
   * JetStream `Nats-Msg-Id`, MQTT 5 user property `message-id`, Redis entry field `message-id`), else
   * a broker-assigned one that stays the same on redelivery (JetStream `<stream seq>@<stored ns>`, the
   * Redis entry id); null when there is neither (MQTT packet ids are reused, so they never count).
   */
  brokerMessageId: string | null;
  receivedAt: Date;
  /**
   * The body as JSON text and value, when the client library parsed it already (rabbitmq-client parses
   * `application/json` bodies): intake keeps these rather than encode and parse the body once more.
   */
  json?: { text: string; value: unknown };
}

/** Stores or otherwise takes over a batch; resolve to ack all of it, reject to have all of it redelivered. */
export type BatchHandler = (batch: readonly Delivery[]) => Promise<void>;

export interface ConsumeOptions {
  /** Unacked deliveries at most (AMQP prefetch, JetStream max_ack_pending, MQTT receive maximum, Redis COUNT). */
  prefetch: number;
  /** Largest batch handed over; defaults to half the prefetch, so the next batch fills while one is stored. */
  maxBatch?: number;
  /** How long the first delivery of a batch waits for more before the batch is handed over. */
  maxWaitMs?: number;
  /**
   * The declaration this consumer reads with (its durable, share group, consumer group). Default: the
   * target's latest declaration on this client, which may be another reader's when two readers (a queue
   * mock and a bridge) declare one target at the same time.
   */
  reader?: DeclareOptions;
}

/** One consumer on one target. Re-established by the adapter after every reconnect. */
export interface Subscription extends StatusSource {
  /** Stops delivery, waits for the batch in hand to settle; unhanded deliveries go back to the broker. */
  close(): Promise<void>;
}

export interface OutgoingMessage {
  body: Buffer;
  headers?: Headers;
  properties?: MessageProperties;
}

export interface PublishReceipt {
  /** The message id that went out: the caller's, or one the adapter assigned so duplicates can be spotted. */
  messageId: string | null;
  /** Where the broker stored it, when it says: the JetStream stream sequence, the Redis entry id. */
  sequence?: string;
}

export interface RabbitmqBinding {
  exchange: string;
  routingKey: string;
}

export interface RabbitmqDeclareOptions {
  kind: 'rabbitmq';
  /** Create the queue if missing; false only checks that it exists (passive declare). */
  create: boolean;
  /** Default true. Quorum queues are always durable. */
  durable?: boolean;
  queueType?: 'classic' | 'quorum';
  /** Bindings to existing exchanges, so a queue mock can tap traffic published there. */
  bindings?: RabbitmqBinding[];
}

export interface NatsDeclareOptions {
  kind: 'nats';
  /**
   * Create a stream capturing the subject when none does (a stream that already captures it is
   * reused, whatever its name); false only checks that one exists. The durable consumer is always
   * created when missing: it is the queue mock's own.
   */
  create: boolean;
  /** Name for a stream created here; derived from the subject when omitted. */
  stream?: string;
  /**
   * Durable consumer name: one per reader (queue mock, bridge), so readers of one subject each get every
   * message, and the same on every Understudy node, so nodes running one reader share its messages.
   * Derived from the subject when omitted, which is also what a consume without a declaration uses.
   */
  durable?: string;
}

export interface MqttDeclareOptions {
  kind: 'mqtt';
  /**
   * Fixed client id of the persistent session (clean start off). Declaring subscribes it, so the
   * broker keeps messages for it from then on. When omitted: `<shareGroup>-<node id>` with a share
   * group (nodes must not share one client id, or they take the session from each other), else one
   * derived from the topic filter.
   */
  sessionId?: string;
  /**
   * Subscribe as `$share/<group>/<filter>`: one group per reader (queue mock, bridge), so several
   * Understudy nodes reading it share its messages, each node in its own session. A shared subscription
   * gets no retained messages (MQTT 5 §4.8.2).
   */
  shareGroup?: string;
}

export interface RedisDeclareOptions {
  kind: 'redis';
  /**
   * Create the stream if missing (XGROUP CREATE … MKSTREAM); false only checks that it exists. The group
   * is always created when missing: it is the reader's own (like a NATS durable).
   */
  create: boolean;
  /**
   * One consumer group per reader (queue mock, bridge), so readers of one stream each get every entry;
   * each node reads it under its own consumer name, so nodes running one reader share its entries.
   */
  group: string;
  /** How long an entry may stay pending with a dead consumer before it is claimed. Default 60 s. */
  claimIdleMs?: number;
}

export type DeclareOptions =
  RabbitmqDeclareOptions | NatsDeclareOptions | MqttDeclareOptions | RedisDeclareOptions;

export type PublishOptions =
  /** Publish through an exchange; the target is then the routing key. */
  { kind: 'rabbitmq'; exchange: string } | { kind: 'mqtt'; retain?: boolean };

export interface BrokerClient extends StatusSource {
  readonly kind: BrokerKind;
  /** Starts connecting; resolves with the status after the first attempt. Never throws for a broker fault. */
  connect(): Promise<BrokerStatus>;
  /** Closes subscriptions (waiting for batches in hand), waits for unconfirmed publishes, then disconnects. */
  close(): Promise<void>;
  /** Creates or checks the target and remembers it, so it is re-declared after every reconnect. */
  declare(target: string, options: DeclareOptions): Promise<void>;
  consume(target: string, handler: BatchHandler, options: ConsumeOptions): Subscription;
  /**
   * Resolves only once the broker has taken responsibility for the message (confirm, PubAck, PUBACK,
   * XADD reply); a message the broker could not route is rejected, not silently dropped.
   */
  publish(target: string, message: OutgoingMessage, options?: PublishOptions): Promise<PublishReceipt>;
  /** Deletes the target on the broker and forgets its declaration. */
  deleteQueue(target: string): Promise<void>;
  /**
   * Deletes what `declare(target, options)` keeps on the broker for that one reader (NATS durable
   * consumer, Redis consumer group, this node's MQTT session), so nothing piles up for a reader that is
   * gone; the target and other readers' state stay. Close the reader's subscription first, or it makes
   * the state again. RabbitMQ keeps none apart from the queue itself (that is `deleteQueue`).
   */
  deleteReader(target: string, options: DeclareOptions): Promise<void>;
}

/** The broker is not reachable now, or the outcome of a publish is unknown; retrying may succeed. */
export class BrokerUnavailableError extends DomainError {
  readonly code = 'BROKER_UNAVAILABLE';
  readonly status = 503;

  constructor(
    message: string,
    readonly brokerCode: string,
  ) {
    super(message);
  }
}

/** The broker refused the operation (bad queue name, missing exchange, unroutable message, nack). */
export class BrokerRejectedError extends DomainError {
  readonly code = 'BROKER_REJECTED';

  constructor(
    message: string,
    readonly brokerCode: string,
    readonly status: 400 | 403 | 404 | 409 = 400,
  ) {
    super(message);
  }
}
