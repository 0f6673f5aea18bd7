import { HOPS_KEPT, HOP_BODY_BYTES } from '../../core/bridging/bridge-defaults.js';
import type { MapperError } from '../../core/bridging/mapper-io.js';
import type { Headers } from '../../core/ports/index.js';

/** A message as kept in a hop: its bytes cut to HOP_BODY_BYTES (decoded only when someone looks). */
export interface HopMessage {
  bytes: Uint8Array;
  /** Bytes before the cut. */
  size: number;
  headers: Headers;
  messageId?: string;
}

export interface Hop {
  at: number;
  messageId: string;
  input: HopMessage;
  outputs: HopMessage[];
  outcome: 'published' | 'dropped' | 'dead-letter';
  error?: MapperError;
}

/** Keeps a short prefix of a body; copied when cut, so a huge delivery is not held alive by a slice. */
export function hopMessage(bytes: Uint8Array, headers: Headers, messageId?: string): HopMessage {
  const cut =
    bytes.length > HOP_BODY_BYTES ? Uint8Array.prototype.slice.call(bytes, 0, HOP_BODY_BYTES) : bytes;
  return { bytes: cut, size: bytes.length, headers, ...(messageId !== undefined && { messageId }) };
}

/**
 * The last input → output pairs of each bridge, in memory only (issue 7): a ring per bridge, so the
 * cost is bounded and the hot path only stores references.
 */
export class BridgeHops {
  readonly #rings = new Map<string, { hops: Hop[]; next: number }>();

  add(bridgeId: string, hop: Hop): void {
    let ring = this.#rings.get(bridgeId);
    if (!ring) this.#rings.set(bridgeId, (ring = { hops: [], next: 0 }));
    if (ring.hops.length < HOPS_KEPT) ring.hops.push(hop);
    else ring.hops[ring.next] = hop;
    ring.next = (ring.next + 1) % HOPS_KEPT;
  }

  /** Newest first. */
  latest(bridgeId: string, limit: number): Hop[] {
    const ring = this.#rings.get(bridgeId);
    if (!ring) return [];
    const { hops, next } = ring;
    const ordered = hops.length < HOPS_KEPT ? hops : [...hops.slice(next), ...hops.slice(0, next)];
    return ordered.slice(-limit).reverse();
  }

  forget(bridgeId: string): void {
    this.#rings.delete(bridgeId);
  }
}
