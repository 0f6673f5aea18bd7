import { setTimeout as sleep } from 'node:timers/promises';
import type { BridgeCounts, BridgeRecord, Clock, DeadLetterStore, Delivery } from '../../core/ports/index.js';
import { toDeadLetter } from '../../core/bridging/dead-letter-record.js';
import type { MapperError, MapperInput, OutMessage } from '../../core/bridging/mapper-io.js';
import { inMessageId, outMessageId, type Digest } from '../../core/bridging/message-id.js';
import { outReason, outRefusal, refusesMessage } from '../../core/bridging/out-failure.js';
import { retryDelayMs, shouldRetry } from '../../core/bridging/retry-policy.js';
import { hopMessage, type BridgeHops, type Hop } from './bridge-hops.js';
import type { MapResult, PreparedMapper } from './mappers.js';

/** OUT cannot take messages now (unreachable, deleted, refusing): the batch goes back to IN. */
export class OutUnavailableError extends Error {}

/** The mapper cannot be tried at all (sandbox down or its queue full): the batch goes back to IN. */
export class MapperUnavailableError extends Error {}

export interface PipelineDeps {
  bridge: BridgeRecord;
  mapper: PreparedMapper;
  /** Resolves once OUT confirmed the message. */
  publish(message: OutMessage, messageId: string): Promise<void>;
  deadLetters: DeadLetterStore;
  hops: BridgeHops;
  clock: Clock;
  digest: Digest;
}

interface Message {
  delivery: Delivery;
  id: string;
  input: MapperInput;
}

type Tally = BridgeCounts;

function messageOf(delivery: Delivery, digest: Digest): Message {
  const input = { bytes: delivery.body, headers: delivery.headers, properties: delivery.properties };
  return { delivery, id: inMessageId(delivery, digest), input };
}

/** Calls the mapper, again after a backoff while it fails and the retry policy allows. */
async function mapWithRetry(
  message: Message,
  deps: PipelineDeps,
): Promise<{ result: MapResult; attempts: number }> {
  for (let attempts = 1; ; attempts++) {
    let result: MapResult;
    try {
      result = await deps.mapper.run(message.input);
    } catch (error) {
      throw new MapperUnavailableError(error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    }
    if (result.ok || !shouldRetry(deps.bridge.retry, attempts)) return { result, attempts };
    await sleep(retryDelayMs(deps.bridge.retry, attempts));
  }
}

function hop(
  message: Message,
  outcome: Hop['outcome'],
  outputs: Hop['outputs'],
  at: number,
  error?: MapperError,
): Hop {
  const input = hopMessage(message.input.bytes, message.input.headers, message.id);
  return { at, messageId: message.id, input, outputs, outcome, ...(error && { error }) };
}

/** Keeps the message as a dead letter (before IN is acked: a failed write sends the batch back). */
async function bury(
  message: Message,
  error: MapperError,
  attempts: number,
  deps: PipelineDeps,
  tally: Tally,
) {
  const at = deps.clock.now();
  await deps.deadLetters.add(
    toDeadLetter(deps.bridge.id, message.id, message.delivery, { error, attempts, at }),
  );
  deps.hops.add(deps.bridge.id, hop(message, 'dead-letter', [], at, error));
  tally.in += 1;
  tally.dead += 1;
}

/** Maps one message; returns its OUT messages to publish, or null when it is settled already. */
async function mapOne(message: Message, deps: PipelineDeps, tally: Tally): Promise<OutMessage[] | null> {
  const { result, attempts } = await mapWithRetry(message, deps);
  if (!result.ok) {
    await bury(message, result.error, attempts, deps, tally);
    return null;
  }
  if (result.messages.length === 0) {
    deps.hops.add(deps.bridge.id, hop(message, 'dropped', [], deps.clock.now()));
    tally.in += 1;
    tally.dropped += 1;
    return null;
  }
  return result.messages;
}

/** Publishes every output of one message with its derived id; rejects when OUT is unavailable. */
async function publishOne(message: Message, outputs: OutMessage[], deps: PipelineDeps, tally: Tally) {
  const ids = outputs.map((_, i) => outMessageId(message.id, i, outputs.length));
  const results = await Promise.allSettled(outputs.map((m, i) => deps.publish(m, ids[i] ?? message.id)));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  const unavailable = failures.find((f) => !refusesMessage(f));
  if (unavailable !== undefined)
    throw new OutUnavailableError(outReason(unavailable), { cause: unavailable });
  if (failures.length > 0) return bury(message, outRefusal(failures[0]), 1, deps, tally);
  const shown = outputs.map((m, i) => hopMessage(m.body, m.headers, ids[i]));
  deps.hops.add(deps.bridge.id, hop(message, 'published', shown, deps.clock.now()));
  tally.in += 1;
  tally.out += outputs.length;
}

/**
 * One IN batch through the bridge (DESIGN §5): map up to `concurrency` messages at once, publish each
 * result as soon as it is mapped (in order when concurrency is 1: publishes go out in call order on
 * one confirm channel, their confirms overlap), and resolve only when every OUT message is confirmed
 * or its IN message is a dead letter. Throwing sends the whole batch back to IN for redelivery.
 */
export async function processBatch(batch: readonly Delivery[], deps: PipelineDeps): Promise<Tally> {
  const tally: Tally = { in: 0, out: 0, dropped: 0, dead: 0 };
  const publishing: Array<Promise<void>> = [];
  let failure: unknown;
  let next = 0;
  // Caught at once (no rejection waits unhandled while the lanes go on); the first failure is thrown.
  const noteFailure = (error: unknown) => {
    failure ??= error;
  };
  const lane = async () => {
    while (failure === undefined && next < batch.length) {
      const message = messageOf(batch[next++] as Delivery, deps.digest);
      try {
        const outputs = await mapOne(message, deps, tally);
        // A failed publish also stops the lanes: the batch goes back anyway, mapping more is waste.
        if (outputs) publishing.push(publishOne(message, outputs, deps, tally).catch(noteFailure));
      } catch (error) {
        noteFailure(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.bridge.concurrency, batch.length) }, lane));
  // Every publish settles before the batch does, even when it fails: no confirm is left dangling.
  await Promise.all(publishing);
  if (failure !== undefined) throw failure;
  return tally;
}
