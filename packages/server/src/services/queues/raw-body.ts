import { RAW_BODY, type QueueMessageRecord, type WithRawBody } from '../../core/ports/index.js';

/**
 * Attaches `bytes` as the body's raw form when they must be exactly its text's UTF-8: a whole (not
 * cut) text or JSON body decoded from these very bytes. The decoded text has no leading BOM, so bodies
 * starting with one are left out.
 */
export function withRawBody(record: QueueMessageRecord, bytes: Buffer): QueueMessageRecord {
  const { encoding, truncated, size } = record.body;
  if (encoding === 'base64' || truncated || size !== bytes.length || bytes[0] === 0xef) return record;
  (record as WithRawBody)[RAW_BODY] = bytes;
  return record;
}
