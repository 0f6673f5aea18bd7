import { createHash } from 'node:crypto';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { BrokerRejectedError, type NatsDeclareOptions } from '../../core/ports/broker-client.js';
import { invalidOption } from '../consume-options.js';

/** Where a queue mock reads from: a stream capturing its subject and its durable pull consumer. */
export interface NatsReadTarget {
  stream: string;
  durable: string;
}

export interface ConsumerSettings {
  ackWaitMs: number;
  /** The server must let at least this many deliveries be unacked (our prefetch). */
  minAckPending?: number;
}

/** JetStream's own default for pull consumers; raised when a prefetch needs more. */
const DEFAULT_MAX_ACK_PENDING = 1000;

/** Subjects are dot-separated tokens; wildcards (`*`, trailing `>`) only where a filter is allowed. */
export function checkSubject(subject: string, wildcards: boolean): void {
  const tokens = subject.split('.');
  const bad = tokens.some((t, i) => {
    if (t === '' || /\s/.test(t)) return true;
    if (t === '*' || (t === '>' && i === tokens.length - 1)) return !wildcards;
    return t.includes('*') || t.includes('>');
  });
  if (bad || Buffer.byteLength(subject) > 1024) {
    const what = wildcards ? 'a subject or subject filter' : 'a subject without wildcards';
    throw invalidOption('/queue', `${JSON.stringify(subject)} is not ${what}`);
  }
}

/** Stream and consumer names may not hold `.`, `*`, `>`, whitespace or path separators; a hash keeps them apart. */
function derivedName(subject: string): string {
  const readable = subject.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100);
  const hash = createHash('sha256').update(subject).digest('hex').slice(0, 8);
  return `understudy-${readable}-${hash}`;
}

export const defaultStreamName = derivedName;
export const defaultDurableName = derivedName;

/** The stream that captures `subject`, or null when none does. */
export async function findStream(jsm: JetStreamManager, subject: string): Promise<string | null> {
  try {
    return await jsm.streams.find(subject);
  } catch (err) {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) return null;
    throw err;
  }
}

/** How long a stream created here keeps a message: long enough for any reader that was away to catch up. */
export const CREATED_STREAM_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/**
 * Makes sure a stream captures `subject` (reusing whichever does, creating one only with `create`) and
 * that the durable consumer exists. A stream created here has limits retention: every durable reads
 * every message, so a queue mock and a bridge on one subject do not take messages from each other (on
 * a work queue, JetStream refuses a second consumer of a subject: issue 8), and messages leave after
 * `CREATED_STREAM_MAX_AGE_MS`. Not interest retention: such a stream acks but does not store a message
 * while it has no consumer loaded, which is the case while a restarted server recovers, so a publish
 * confirmed then would be lost (seen in the restart fault test).
 */
export async function declareTarget(
  jsm: JetStreamManager,
  subject: string,
  options: NatsDeclareOptions,
  settings: ConsumerSettings,
): Promise<NatsReadTarget> {
  let stream = await findStream(jsm, subject);
  const created = stream === null;
  if (stream === null) {
    if (!options.create) throw noStream(subject);
    stream = options.stream ?? defaultStreamName(subject);
    await jsm.streams.add({
      name: stream,
      subjects: [subject],
      retention: RetentionPolicy.Limits,
      max_age: nanos(CREATED_STREAM_MAX_AGE_MS),
      storage: StorageType.File,
    });
  }
  const durable = options.durable ?? defaultDurableName(subject);
  // A consumer on a stream we just made starts at its beginning; on a stream that was already there it
  // starts now, as a freshly declared queue would, rather than replaying its whole history.
  await ensureConsumer(jsm, { stream, durable }, subject, created, settings);
  return { stream, durable };
}

/** For a consume: the remembered declaration, or (undeclared) an existing stream and the default durable. */
export async function ensureReadTarget(
  jsm: JetStreamManager,
  subject: string,
  declaration: NatsDeclareOptions | undefined,
  settings: ConsumerSettings,
): Promise<NatsReadTarget> {
  if (declaration) return declareTarget(jsm, subject, declaration, settings);
  const stream = await findStream(jsm, subject);
  if (stream === null) throw noStream(subject);
  const target = { stream, durable: defaultDurableName(subject) };
  await ensureConsumer(jsm, target, subject, false, settings);
  return target;
}

async function ensureConsumer(
  jsm: JetStreamManager,
  { stream, durable }: NatsReadTarget,
  subject: string,
  fromStart: boolean,
  settings: ConsumerSettings,
): Promise<void> {
  const minAckPending = settings.minAckPending ?? 0;
  try {
    const { config } = await jsm.consumers.info(stream, durable);
    if (config.filter_subject !== subject) {
      const reads = config.filter_subject || 'the whole stream';
      const message = `durable consumer ${durable} on stream ${stream} reads ${reads}, not ${subject}`;
      throw new BrokerRejectedError(message, 'CONSUMER_CONFLICT', 409);
    }
    const maxAckPending = config.max_ack_pending ?? DEFAULT_MAX_ACK_PENDING;
    if (maxAckPending !== -1 && maxAckPending < minAckPending) {
      await jsm.consumers.update(stream, durable, { max_ack_pending: minAckPending });
    }
  } catch (err) {
    if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound)) throw err;
    // A work queue refuses consumers that do not start at its beginning (which is only what is unacked).
    const workQueue = (await jsm.streams.info(stream)).config.retention === RetentionPolicy.Workqueue;
    try {
      await jsm.consumers.add(stream, {
        durable_name: durable,
        filter_subject: subject,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: fromStart || workQueue ? DeliverPolicy.All : DeliverPolicy.New,
        ack_wait: nanos(settings.ackWaitMs),
        max_deliver: -1,
        max_ack_pending: Math.max(minAckPending, DEFAULT_MAX_ACK_PENDING),
      });
    } catch (addError) {
      if (workQueue && isWorkQueueOverlap(addError)) throw await workQueueTaken(jsm, stream, subject);
      throw addError;
    }
  }
}

/** JetStream's refusals of a second consumer whose filter overlaps one a work queue has already. */
const WORK_QUEUE_OVERLAP = new Set([10099, 10100]);

function isWorkQueueOverlap(err: unknown): boolean {
  return err instanceof JetStreamApiError && WORK_QUEUE_OVERLAP.has(err.code);
}

/** Says which consumer already reads the subject, and what to do about it. */
async function workQueueTaken(
  jsm: JetStreamManager,
  stream: string,
  subject: string,
): Promise<BrokerRejectedError> {
  const readers: string[] = [];
  for await (const consumer of jsm.consumers.list(stream)) {
    readers.push(`${consumer.name} (${consumer.config.filter_subject || 'the whole stream'})`);
  }
  const message =
    `stream ${stream} is a work queue, which hands each message to one consumer only, and ` +
    `${readers.join(', ') || 'another consumer'} already reads ${subject} there: read another ` +
    'subject, or capture this one in a stream with limits retention';
  return new BrokerRejectedError(message, 'CONSUMER_CONFLICT', 409);
}

/**
 * Deletes the stream when it captures exactly this subject (it is the queue mock's own); on a stream
 * shared with other subjects only the consumers reading this subject go, and the stream stays.
 */
export async function deleteTarget(jsm: JetStreamManager, subject: string): Promise<void> {
  const stream = await findStream(jsm, subject);
  if (stream === null) return;
  const { config } = await jsm.streams.info(stream);
  if (config.subjects?.length === 1 && config.subjects[0] === subject) {
    await jsm.streams.delete(stream);
    return;
  }
  for await (const consumer of jsm.consumers.list(stream)) {
    if (consumer.config.filter_subject === subject) await jsm.consumers.delete(stream, consumer.name);
  }
}

/**
 * Deletes one reader's durable consumer on the stream capturing `subject`, and only if it reads that
 * subject; the stream and other consumers stay. Already gone (or no stream any more) is fine.
 */
export async function deleteDurable(jsm: JetStreamManager, subject: string, durable: string): Promise<void> {
  const stream = await findStream(jsm, subject);
  if (stream === null) return;
  try {
    const { config } = await jsm.consumers.info(stream, durable);
    if (config.filter_subject === subject) await jsm.consumers.delete(stream, durable);
  } catch (err) {
    if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound)) throw err;
  }
}

function noStream(subject: string): BrokerRejectedError {
  return new BrokerRejectedError(
    `no JetStream stream captures ${subject}; create one, or declare the queue with create`,
    'NO_STREAM',
    404,
  );
}
