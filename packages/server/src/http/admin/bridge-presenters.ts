import type { Bridge, BridgeHop, BridgeMessage, BridgeTryResult, DeadLetter } from '@understudy/contracts';
import type { BridgeRecord, DeadLetterRecord, Headers } from '../../core/ports/index.js';
import type { OutMessage } from '../../core/bridging/mapper-io.js';
import { decodeBody } from '../../core/queues/message-body.js';
import type { Hop, HopMessage } from '../../services/bridges/bridge-hops.js';
import type { RunnerStatus } from '../../services/bridges/bridge-state.js';
import type { BridgeStats } from '../../services/bridges/bridges.js';
import type { MapResult } from '../../services/bridges/mappers.js';

const iso = (ms: number) => new Date(ms).toISOString();

export interface BridgeView {
  status: RunnerStatus;
  stats: BridgeStats;
  owner: { id: string; username: string };
}

export function presentBridge(b: BridgeRecord, view: BridgeView): Bridge {
  const { status } = view;
  return {
    id: b.id,
    name: b.name,
    in: b.in,
    out: b.out,
    mapper: b.mapper,
    concurrency: b.concurrency,
    enabled: b.enabled,
    retry: b.retry,
    owner: view.owner,
    status: {
      state: status.state,
      ...('waitingFor' in status && { waitingFor: status.waitingFor }),
      message: status.message,
      since: iso(status.since),
    },
    stats: view.stats,
    createdAt: iso(b.createdAt),
    updatedAt: iso(b.updatedAt),
  };
}

/** Bytes for people: JSON parsed, else text, else base64; `size` beyond the bytes kept means cut. */
function shown(bytes: Uint8Array, size: number, headers: Headers, messageId?: string): BridgeMessage {
  const body = decodeBody(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), Infinity);
  return {
    body: body.value,
    bodyEncoding: body.encoding,
    headers,
    ...(messageId !== undefined && { messageId }),
    ...(size > bytes.length && { truncated: true }),
  };
}

const shownHop = (m: HopMessage) => shown(m.bytes, m.size, m.headers, m.messageId);

export function presentHop(hop: Hop): BridgeHop {
  return {
    at: iso(hop.at),
    messageId: hop.messageId,
    input: shownHop(hop.input),
    outputs: hop.outputs.map(shownHop),
    outcome: hop.outcome,
    ...(hop.error && { error: hop.error }),
  };
}

export function presentDeadLetter(l: DeadLetterRecord): DeadLetter {
  return {
    id: String(l.id),
    bridgeId: l.bridgeId,
    messageId: l.messageId,
    body: l.body.value,
    bodyEncoding: l.body.encoding,
    headers: l.headers,
    routingKey: l.routingKey,
    error: l.error,
    attempts: l.attempts,
    receivedAt: iso(l.receivedAt),
    failedAt: iso(l.failedAt),
    editedAt: l.editedAt === null ? null : iso(l.editedAt),
  };
}

export function presentTry(result: MapResult): BridgeTryResult {
  const output = { stdout: result.stdout, stderr: result.stderr, durationMs: result.durationMs };
  if (!result.ok) return { ok: false, messages: [], error: result.error, ...output };
  const messages = result.messages.map((m: OutMessage) => shown(m.body, m.body.length, m.headers));
  return { ok: true, messages, ...output };
}
