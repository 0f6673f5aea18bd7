import type { Redis } from 'ioredis';
import { BrokerRejectedError } from '../../core/ports/broker-client.js';

/** One stream entry; `fields` is null for an entry deleted (XDEL, trimming) while it was pending. */
export interface StreamEntry {
  id: string;
  fields: Map<string, Buffer> | null;
}

export interface ReadRequest {
  stream: string;
  group: string;
  consumer: string;
  count: number;
  /** `>` for entries never delivered to the group; an id to page through our own pending entries. */
  after: string;
  /** Only for `>`: how long to wait for new entries. */
  blockMs?: number;
}

const text = (value: unknown): string => (Buffer.isBuffer(value) ? value.toString('utf8') : String(value));

function toFields(raw: unknown): Map<string, Buffer> | null {
  if (!Array.isArray(raw)) return null;
  const fields = new Map<string, Buffer>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const value: unknown = raw[i + 1];
    fields.set(text(raw[i]), Buffer.isBuffer(value) ? value : Buffer.from(String(value)));
  }
  return fields;
}

/** XREADGROUP's RESP2 reply for one stream: null, or `[[key, [[id, [field, value, …] | null], …]]]`. */
export function parseReadReply(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply)) return [];
  const [first] = reply as unknown[];
  const entries: unknown = Array.isArray(first) ? first[1] : undefined;
  if (!Array.isArray(entries)) return [];
  return entries
    .filter(Array.isArray)
    .map((entry: unknown[]) => ({ id: text(entry[0]), fields: toFields(entry[1]) }));
}

export async function readGroup(redis: Redis, r: ReadRequest): Promise<StreamEntry[]> {
  const block = r.after === '>' && r.blockMs !== undefined ? ['BLOCK', r.blockMs] : [];
  const args = ['GROUP', r.group, r.consumer, 'COUNT', r.count, ...block, 'STREAMS', r.stream, r.after];
  return parseReadReply(await redis.callBuffer('XREADGROUP', ...args));
}

export async function ack(
  redis: Redis,
  stream: string,
  group: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length > 0) await redis.call('XACK', stream, group, ...ids);
}

/** Redis's reply to XGROUP on a key that does not exist (without MKSTREAM). */
const isMissingKey = (err: unknown): boolean =>
  err instanceof Error && /requires the key to exist/i.test(err.message);

/**
 * Creates the group reading from `start`: `$` for a new reader (it reads what arrives from now on), `0`
 * when re-creating one that vanished (a Redis restart without persistence), so entries added since are
 * not skipped. `makeStream` creates a missing stream too (MKSTREAM); without it a missing stream is a
 * 404. An existing group is left as it is.
 */
export async function createGroup(
  redis: Redis,
  stream: string,
  group: string,
  start: '$' | '0',
  makeStream: boolean,
): Promise<void> {
  try {
    await redis.call('XGROUP', 'CREATE', stream, group, start, ...(makeStream ? ['MKSTREAM'] : []));
  } catch (err) {
    if (isMissingKey(err)) {
      const message = `stream ${stream} does not exist; create it, or declare the queue with create`;
      throw new BrokerRejectedError(message, 'NOT_FOUND', 404);
    }
    if (!(err instanceof Error && err.message.startsWith('BUSYGROUP'))) throw err;
  }
}

/** Deletes the group with its pending list; the stream and other groups stay. Gone already is fine. */
export async function destroyGroup(redis: Redis, stream: string, group: string): Promise<void> {
  try {
    await redis.call('XGROUP', 'DESTROY', stream, group);
  } catch (err) {
    if (!isMissingKey(err)) throw err;
  }
}

/** Fails with NOT_FOUND unless `group` exists on `stream`. */
export async function checkGroup(redis: Redis, stream: string, group: string): Promise<void> {
  let groups: unknown;
  try {
    groups = await redis.call('XINFO', 'GROUPS', stream);
  } catch (err) {
    if (!(err instanceof Error && /no such key/i.test(err.message))) throw err;
  }
  const names = Array.isArray(groups) ? groups.map((g: unknown) => (Array.isArray(g) ? text(g[1]) : '')) : [];
  if (!names.includes(group)) {
    const message = `stream ${stream} has no consumer group ${group}; declare it with create`;
    throw new BrokerRejectedError(message, 'NOT_FOUND', 404);
  }
}

/**
 * Takes over entries that sat pending longer than `minIdleMs` with any consumer of the group (one that
 * stopped for good, usually), so this consumer re-reads them. Returns how many it took.
 */
export async function autoClaim(
  redis: Redis,
  r: { stream: string; group: string; consumer: string; minIdleMs: number },
): Promise<number> {
  let start = '0-0';
  let claimed = 0;
  // Bounded: a huge backlog is taken over a page at a time, on later rounds.
  for (let page = 0; page < 10; page += 1) {
    const reply = await redis.call(
      'XAUTOCLAIM',
      r.stream,
      r.group,
      r.consumer,
      r.minIdleMs,
      start,
      'COUNT',
      100,
      'JUSTID',
    );
    if (!Array.isArray(reply)) break;
    const [next, ids] = reply as unknown[];
    claimed += Array.isArray(ids) ? ids.length : 0;
    start = text(next);
    if (start === '0-0') break;
  }
  return claimed;
}

// Atomic, so a consumer cannot take entries between the check and the delete: XINFO CONSUMERS gives
// each consumer as a flat name/value list (name, pending, idle, and since Redis 7.2 inactive).
const REMOVE_IDLE_CONSUMERS = `
local removed = 0
for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
  local info = {}
  for i = 1, #c, 2 do info[c[i]] = c[i + 1] end
  if info.name ~= ARGV[2] and info.pending == 0 and info.idle >= tonumber(ARGV[3]) then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], info.name)
    removed = removed + 1
  end
end
return removed`;

/**
 * Deletes the group's consumers other than `self` that hold no pending entry and have not read for
 * `minIdleMs`: the names of readers that stopped for good (a node restarted under a new name), whose
 * entries `autoClaim` has already taken over. A reader that comes back is simply created again.
 */
export async function removeIdleConsumers(
  redis: Redis,
  r: { stream: string; group: string; self: string; minIdleMs: number },
): Promise<number> {
  return Number(await redis.eval(REMOVE_IDLE_CONSUMERS, 1, r.stream, r.group, r.self, r.minIdleMs));
}

/** XADD with an id chosen by Redis; resolves with that id. */
export async function addEntry(
  redis: Redis,
  stream: string,
  fields: ReadonlyArray<string | Buffer>,
): Promise<string> {
  return text(await redis.call('XADD', stream, '*', ...fields));
}
