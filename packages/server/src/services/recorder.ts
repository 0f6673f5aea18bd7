import type { Logger } from 'pino';
import type { Actor } from '../core/auth/actor.js';
import type { CompiledStub } from '../core/matching/compile-stub.js';
import type { StubRecord } from '../core/ports/index.js';
import { predicateKey, recordedStub, type RecordedExchange } from '../core/proxy/recorded-stub.js';
import type { MockRegistry } from './mock-registry.js';
import { RECORDER, type StubCatalog } from './stub-catalog.js';

/**
 * Turns upstream exchanges of recording services into disabled stubs, one per distinct request
 * (method, path, query and JSON body), through the stub catalog so they are validated and owned like
 * any stub. Duplicates are judged against the service's live stubs, so a deleted recording is
 * recorded again on the next matching call, and an edited one no longer blocks its original.
 */
export class Recorder {
  /** Keys of every stub of a service, per version of its stub map (the registry replaces the map). */
  #keys = new WeakMap<ReadonlyMap<string, CompiledStub>, Set<string>>();
  /** Keys being created right now, so concurrent identical calls make one stub. */
  #pending = new Set<string>();

  constructor(
    private readonly stubs: StubCatalog,
    private readonly registry: MockRegistry,
    private readonly log: Logger,
  ) {}

  /** Off the hot path: returns at once; a failure is logged, never thrown at the call that caused it. */
  record(service: string, exchange: RecordedExchange): void {
    this.recordNow(service, exchange).catch((error: unknown) => {
      this.log.warn({ err: error, service }, 'could not record an upstream exchange as a stub');
    });
  }

  /** The stub created, or undefined when the service has one for this request already. */
  async recordNow(service: string, exchange: RecordedExchange): Promise<StubRecord | undefined> {
    const live = this.registry.get(service);
    if (!live) return undefined;
    const { key, doc } = recordedStub(exchange);
    const pendingKey = `${service}\n${key}`;
    if (this.#pending.has(pendingKey) || this.#known(live.stubs).has(key)) return undefined;
    this.#pending.add(pendingKey);
    try {
      const actor: Actor = { id: live.record.ownerId, username: RECORDER, role: 'member' };
      return await this.stubs.create(actor, service, doc);
    } finally {
      this.#pending.delete(pendingKey);
    }
  }

  #known(stubs: ReadonlyMap<string, CompiledStub>): Set<string> {
    let keys = this.#keys.get(stubs);
    if (!keys) {
      keys = new Set([...stubs.values()].map((stub) => predicateKey(stub.definition.request)));
      this.#keys.set(stubs, keys);
    }
    return keys;
  }
}
