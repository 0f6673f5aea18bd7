import type { Logger } from 'pino';
import { compileStub, type CompiledStub } from '../core/matching/compile-stub.js';
import { buildStubIndex, type StubIndex } from '../core/matching/stub-index.js';
import type { ServiceRecord, StubRecord } from '../core/ports/index.js';

/** A service as the hot path sees it: its settings and its compiled, indexed stubs. */
export interface LiveService {
  readonly record: ServiceRecord;
  readonly stubs: ReadonlyMap<string, CompiledStub>;
  readonly index: StubIndex;
  /** Whether any request may be forwarded upstream (proxy/partial mode or a proxy stub). */
  readonly forwards: boolean;
}

export function compileRecord(stub: StubRecord): CompiledStub {
  return compileStub(stub.doc, { id: stub.id, createdAt: new Date(stub.createdAt).toISOString() });
}

/**
 * The in-memory state mock traffic is served from: loaded once at start, updated on every admin
 * change, so a request never touches the database. Replacing a service's entry is one assignment,
 * so a request in flight sees either the old or the new stubs, never a mix.
 */
export class MockRegistry {
  #services = new Map<string, LiveService>();
  #hosts = new Map<string, string>();
  #prefixes: { prefix: string; name: string }[] = [];

  constructor(private readonly log: Logger) {}

  /** Replaces everything (at start, and when another node's changes may have been missed). */
  load(services: readonly ServiceRecord[], stubs: readonly StubRecord[]): void {
    const byService = new Map<string, Map<string, CompiledStub>>();
    for (const stub of stubs) {
      const compiled = this.#compileStored(stub);
      if (!compiled) continue;
      let map = byService.get(stub.service);
      if (!map) byService.set(stub.service, (map = new Map()));
      map.set(stub.id, compiled);
    }
    // Built aside and swapped in at once: a request in flight never sees a half-loaded registry.
    const next = new Map<string, LiveService>();
    for (const record of services)
      next.set(record.name, new IndexedService(record, byService.get(record.name) ?? new Map()));
    this.#services = next;
    this.#reindexClaims();
  }

  /** Sets a service and all its stubs as stored (another node changed it). */
  reloadService(record: ServiceRecord, stubs: readonly StubRecord[]): void {
    const compiled = new Map<string, CompiledStub>();
    for (const stub of stubs) {
      const one = this.#compileStored(stub);
      if (one) compiled.set(stub.id, one);
    }
    this.#set(record, compiled);
    this.#reindexClaims();
  }

  get(name: string): LiveService | undefined {
    return this.#services.get(name);
  }

  records(): Iterable<ServiceRecord> {
    return [...this.#services.values()].map((live) => live.record);
  }

  stubCount(name: string): number {
    return this.#services.get(name)?.stubs.size ?? 0;
  }

  putService(record: ServiceRecord): void {
    this.#set(record, new Map(this.#services.get(record.name)?.stubs ?? []));
    this.#reindexClaims();
  }

  removeService(name: string): void {
    this.#services.delete(name);
    this.#reindexClaims();
  }

  putStub(service: string, stub: CompiledStub): void {
    const live = this.#services.get(service);
    if (!live) return;
    this.#set(live.record, new Map(live.stubs).set(stub.id, stub));
  }

  removeStub(service: string, id: string): void {
    const live = this.#services.get(service);
    if (!live) return;
    const stubs = new Map(live.stubs);
    stubs.delete(id);
    this.#set(live.record, stubs);
  }

  /** The service a mock-port request belongs to: by Host header first, then by the longest path prefix. */
  resolveMockPort(
    host: string | undefined,
    path: string,
  ): { live: LiveService; prefixLength: number } | undefined {
    const byHost =
      host === undefined
        ? undefined
        : (this.#hosts.get(host.toLowerCase()) ?? this.#hosts.get(stripPort(host)));
    if (byHost) {
      const live = this.#services.get(byHost);
      if (live) return { live, prefixLength: 0 };
    }
    for (const { prefix, name } of this.#prefixes) {
      if (path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`)) {
        const live = this.#services.get(name);
        if (live) return { live, prefixLength: prefix.length };
      }
    }
    return undefined;
  }

  hostOwner(host: string): string | undefined {
    return this.#hosts.get(host.toLowerCase());
  }

  prefixOwner(prefix: string): string | undefined {
    return this.#prefixes.find((p) => p.prefix === prefix)?.name;
  }

  #compileStored(stub: StubRecord): CompiledStub | undefined {
    try {
      return compileRecord(stub);
    } catch (error) {
      // A stub saved under older rules must not keep the server from starting; it is reported.
      this.log.error(
        { err: error, service: stub.service, stub: stub.id },
        'stored stub no longer compiles; skipped',
      );
      return undefined;
    }
  }

  #set(record: ServiceRecord, stubs: Map<string, CompiledStub>): void {
    this.#services.set(record.name, new IndexedService(record, stubs));
  }

  #reindexClaims(): void {
    this.#hosts = new Map();
    const prefixes: { prefix: string; name: string }[] = [];
    for (const { record } of this.#services.values()) {
      for (const host of record.claims.hosts ?? []) this.#hosts.set(host.toLowerCase(), record.name);
      if (record.claims.pathPrefix) prefixes.push({ prefix: record.claims.pathPrefix, name: record.name });
    }
    this.#prefixes = prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  }
}

/**
 * A service's state, its index built on the first request that needs it: a burst of stub saves
 * (an import, a script creating thousands) then costs one index build, not one per save.
 */
class IndexedService implements LiveService {
  readonly forwards: boolean;
  #index: StubIndex | undefined;

  constructor(
    readonly record: ServiceRecord,
    readonly stubs: ReadonlyMap<string, CompiledStub>,
  ) {
    let proxyStub = false;
    for (const stub of stubs.values()) if (stub.response.kind === 'proxy') proxyStub = true;
    this.forwards = record.mode !== 'mock' || proxyStub;
  }

  get index(): StubIndex {
    this.#index ??= buildStubIndex([...this.stubs.values()]);
    return this.#index;
  }
}

function stripPort(host: string): string {
  const colon = host.lastIndexOf(':');
  return (colon > 0 ? host.slice(0, colon) : host).toLowerCase();
}
