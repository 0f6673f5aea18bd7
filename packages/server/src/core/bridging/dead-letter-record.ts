import type { DeadLetterRecord } from '../ports/bridge-store.js';
import type { Delivery, MessageProperties } from '../ports/broker-client.js';
import type { StoredBody, StoredProperties } from '../ports/queue-message-store.js';
import { toMessageRecord } from '../queues/intake-record.js';
import { encodeBody } from '../queues/message-body.js';
import type { MapperError, MapperInput } from './mapper-io.js';

/**
 * An IN message the bridge gives up on, as kept: the body whole (never cut, it must replay byte for
 * byte as far as JSON allows), headers, properties and where it came from, with the error.
 */
export function toDeadLetter(
  bridgeId: string,
  messageId: string,
  delivery: Delivery,
  failure: { error: MapperError; attempts: number; at: number },
): DeadLetterRecord {
  const kept = toMessageRecord(bridgeId, delivery, Number.MAX_SAFE_INTEGER);
  const { json: _asDelivered, ...body } = kept.body;
  return {
    bridgeId,
    messageId,
    body,
    headers: kept.headers,
    properties: kept.properties,
    routingKey: kept.routingKey,
    exchange: kept.exchange,
    error: failure.error,
    attempts: failure.attempts,
    receivedAt: kept.receivedAt,
    failedAt: failure.at,
    editedAt: null,
  };
}

/** The bytes a kept body stands for (JSON is serialised again, so insignificant spaces are gone). */
export function storedBytes(body: Pick<StoredBody, 'encoding' | 'value'>, pointer = '/body/body'): Buffer {
  return encodeBody(body.value, body.encoding, pointer).bytes;
}

function messageProperties(stored: StoredProperties): MessageProperties {
  const { timestamp, ...rest } = stored;
  return timestamp === undefined ? rest : { ...rest, timestamp: new Date(timestamp) };
}

/** What a replay hands the mapper: the dead letter (as edited) in place of the IN message. */
export function replayInput(letter: DeadLetterRecord): MapperInput {
  return {
    bytes: storedBytes(letter.body),
    headers: letter.headers,
    properties: messageProperties(letter.properties),
  };
}
