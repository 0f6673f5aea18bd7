import type { DeadLetterPatch } from '@understudy/contracts';
import { assertCanChange, type Actor } from '../../core/auth/actor.js';
import type {
  BridgeRecord,
  Clock,
  DeadLetterRecord,
  DeadLetterStore,
  Headers,
} from '../../core/ports/index.js';
import { DeadLetterNotFoundError } from '../../core/bridging/bridge-errors.js';
import { replayInput } from '../../core/bridging/dead-letter-record.js';
import type { MapperError } from '../../core/bridging/mapper-io.js';
import { outMessageId } from '../../core/bridging/message-id.js';
import { outRefusal, refusesMessage } from '../../core/bridging/out-failure.js';
import { decodeBody, encodeBody } from '../../core/queues/message-body.js';
import type { BrokerConnections } from '../queues/broker-connections.js';
import type { BridgeCatalog } from './bridge-catalog.js';
import type { BridgeCounters } from './bridge-counters.js';
import { hopMessage, type BridgeHops } from './bridge-hops.js';
import { publishOut } from './bridge-publisher.js';
import type { BridgeRunners } from './bridge-runners.js';

export interface DeadLettersDeps {
  catalog: BridgeCatalog;
  store: DeadLetterStore;
  runners: BridgeRunners;
  connections: BrokerConnections;
  counters: BridgeCounters;
  hops: BridgeHops;
  clock: Clock;
}

export type ReplayOutcome = { ok: true; published: number } | { ok: false; published: 0; error: MapperError };

/** Pages are read this many at a time when replaying all. */
const REPLAY_PAGE = 200;

/** Inspecting, editing, replaying and discarding a bridge's dead letters (issue 7). */
export class DeadLetters {
  constructor(private readonly deps: DeadLettersDeps) {}

  async list(bridgeId: string, limit: number, before?: number): Promise<DeadLetterRecord[]> {
    await this.deps.catalog.get(bridgeId);
    return this.deps.store.list(bridgeId, limit, before);
  }

  async get(bridgeId: string, id: number): Promise<DeadLetterRecord> {
    const letter = await this.deps.store.get(bridgeId, id);
    if (!letter) throw new DeadLetterNotFoundError(bridgeId, id);
    return letter;
  }

  async edit(actor: Actor, bridgeId: string, id: number, patch: DeadLetterPatch): Promise<DeadLetterRecord> {
    await this.#changeable(actor, bridgeId);
    const letter = await this.get(bridgeId, id);
    const edited: DeadLetterRecord = { ...letter, editedAt: this.deps.clock.now() };
    if (patch.body !== undefined || patch.bodyEncoding !== undefined) {
      const value = patch.body !== undefined ? patch.body : letter.body.value;
      const encoding = patch.bodyEncoding ?? (patch.body !== undefined ? undefined : letter.body.encoding);
      const { json: _text, ...body } = decodeBody(encodeBody(value, encoding, '/body/body').bytes, Infinity);
      edited.body = body;
    }
    // Parsed from a JSON body, so every value is JSON: exactly what a header value may be.
    if (patch.headers !== undefined) edited.headers = patch.headers as Headers;
    if (!(await this.deps.store.update(edited))) throw new DeadLetterNotFoundError(bridgeId, id);
    return edited;
  }

  async discard(actor: Actor, bridgeId: string, id: number): Promise<void> {
    await this.#changeable(actor, bridgeId);
    if (!(await this.deps.store.delete(bridgeId, id))) throw new DeadLetterNotFoundError(bridgeId, id);
  }

  /** Runs the current mapper once and publishes; removed on success, kept with the new error otherwise. */
  async replay(actor: Actor, bridgeId: string, id: number): Promise<ReplayOutcome> {
    const bridge = await this.#changeable(actor, bridgeId);
    return this.#replay(bridge, await this.get(bridgeId, id));
  }

  /** Oldest first, so a fixed mapper restores the original order as far as it can. */
  async replayAll(
    actor: Actor,
    bridgeId: string,
  ): Promise<{ replayed: number; failed: number; remaining: number }> {
    const bridge = await this.#changeable(actor, bridgeId);
    const ids: number[] = [];
    for (let page = await this.deps.store.list(bridgeId, REPLAY_PAGE); page.length > 0;) {
      ids.push(...page.map((l) => Number(l.id)));
      page = await this.deps.store.list(bridgeId, REPLAY_PAGE, Number(page.at(-1)?.id));
    }
    let replayed = 0;
    let failed = 0;
    for (const id of ids.reverse()) {
      const letter = await this.deps.store.get(bridgeId, id);
      if (!letter) continue; // replayed or discarded meanwhile
      if ((await this.#replay(bridge, letter)).ok) replayed += 1;
      else failed += 1;
    }
    return { replayed, failed, remaining: await this.deps.store.count(bridgeId) };
  }

  async #replay(bridge: BridgeRecord, letter: DeadLetterRecord): Promise<ReplayOutcome> {
    const input = replayInput(letter);
    const result = await this.deps.runners.mapperOf(bridge).run(input);
    if (!result.ok) return this.#failedAgain(letter, result.error);
    const { messages } = result;
    const ids = messages.map((_, i) => outMessageId(letter.messageId, i, messages.length));
    try {
      // In order, one confirm at a time: a replay is rare and its order should match the fan-out's.
      for (const [i, message] of messages.entries()) {
        await publishOut(this.deps.connections, bridge.out, message, ids[i] ?? letter.messageId);
      }
    } catch (error) {
      if (refusesMessage(error)) return this.#failedAgain(letter, outRefusal(error));
      throw error; // OUT unavailable: a 503 for the caller; the dead letter stays as it was
    }
    await this.deps.store.delete(bridge.id, Number(letter.id));
    this.deps.counters.add(bridge.id, { out: messages.length, dropped: messages.length === 0 ? 1 : 0 });
    const outputs = messages.map((m, i) => hopMessage(m.body, m.headers, ids[i]));
    const inputHop = hopMessage(input.bytes, input.headers, letter.messageId);
    const outcome = messages.length === 0 ? 'dropped' : 'published';
    this.deps.hops.add(bridge.id, {
      at: this.deps.clock.now(),
      messageId: letter.messageId,
      input: inputHop,
      outputs,
      outcome,
    });
    return { ok: true, published: messages.length };
  }

  async #failedAgain(letter: DeadLetterRecord, error: MapperError): Promise<ReplayOutcome> {
    const attempts = letter.attempts + 1;
    await this.deps.store.update({ ...letter, error, attempts, failedAt: this.deps.clock.now() });
    return { ok: false, published: 0, error };
  }

  async #changeable(actor: Actor, bridgeId: string): Promise<BridgeRecord> {
    const bridge = await this.deps.catalog.get(bridgeId);
    assertCanChange(actor, bridge.ownerId, `bridge "${bridge.name}"`);
    return bridge;
  }
}
