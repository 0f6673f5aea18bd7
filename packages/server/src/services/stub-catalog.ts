import { randomUUID } from 'node:crypto';
import type { Stub, StubBulkAction, StubListQuery } from '@understudy/contracts';
import { assertCanChange, type Actor } from '../core/auth/actor.js';
import { DomainError } from '../core/errors.js';
import { compileStub, type CompiledStub } from '../core/matching/compile-stub.js';
import { StubInvalidError, StubNotFoundError } from '../core/mocking/service-errors.js';
import type { Clock, HandlerRunner, StubRecord, StubStore } from '../core/ports/index.js';
import type { MockRegistry } from './mock-registry.js';
import type { ServiceCatalog } from './service-catalog.js';

/** The username recorded stubs are created by; they keep it when edited, so they stay findable. */
export const RECORDER = 'recorder';

function isEnabled(record: StubRecord): boolean {
  return record.doc.enabled !== false;
}

function matchesFilter(record: StubRecord, filter: StubListQuery): boolean {
  if (filter.recorded !== undefined && (record.createdBy === RECORDER) !== filter.recorded) return false;
  return filter.enabled === undefined || isEnabled(record) === filter.enabled;
}

/** Pointers in stub problems start at the stub; at the API they start at the request body. */
function compileAtBody(doc: unknown, id: string, createdAt: number): CompiledStub {
  try {
    return compileStub(doc, { id, createdAt: new Date(createdAt).toISOString() });
  } catch (error) {
    if (!(error instanceof DomainError) || error.status !== 400) throw error;
    const details = error.details.map((d) => ({ ...d, path: `/body${d.path}` }));
    const first = details[0];
    throw new StubInvalidError(
      first ? `Invalid stub: ${first.path} ${first.message}` : error.message,
      details,
    );
  }
}

export function presentStub(record: StubRecord): Stub {
  return {
    ...(record.doc as Omit<Stub, 'id' | 'service' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy'>),
    id: record.id,
    service: record.service,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    createdBy: record.createdBy,
    updatedBy: record.updatedBy,
  };
}

/** Stubs of a service: validated and compiled when saved, live for mock traffic at once. */
export class StubCatalog {
  constructor(
    private readonly stubs: StubStore,
    private readonly services: ServiceCatalog,
    private readonly registry: MockRegistry,
    private readonly clock: Clock,
    private readonly handlers: HandlerRunner,
  ) {}

  async list(service: string, filter: StubListQuery = {}): Promise<StubRecord[]> {
    await this.services.get(service);
    const all = await this.stubs.listForService(service);
    return all.filter((record) => matchesFilter(record, filter));
  }

  async get(service: string, id: string): Promise<StubRecord> {
    const stub = await this.stubs.get(service, id);
    if (!stub) throw new StubNotFoundError(service, id);
    return stub;
  }

  async create(actor: Actor, service: string, doc: unknown): Promise<StubRecord> {
    await this.#assertOwner(actor, service);
    const now = this.clock.now();
    const compiled = await this.#compile(doc, randomUUID(), now);
    const record = this.#record(compiled, service, now, now, actor.username, actor.username);
    await this.stubs.create(record);
    this.registry.putStub(service, compiled);
    return record;
  }

  async replace(actor: Actor, service: string, id: string, doc: unknown): Promise<StubRecord> {
    await this.#assertOwner(actor, service);
    const current = await this.get(service, id);
    const now = this.clock.now();
    const compiled = await this.#compile(doc, id, current.createdAt);
    const record = this.#record(compiled, service, current.createdAt, now, current.createdBy, actor.username);
    if (!(await this.stubs.update(record))) throw new StubNotFoundError(service, id);
    this.registry.putStub(service, compiled);
    return record;
  }

  async delete(actor: Actor, service: string, id: string): Promise<void> {
    await this.#assertOwner(actor, service);
    if (!(await this.stubs.delete(service, id))) throw new StubNotFoundError(service, id);
    this.registry.removeStub(service, id);
  }

  /**
   * Enables, disables or deletes several stubs (reviewing recordings). Every id is looked up first,
   * so an unknown one is a 404 before anything changes. Returns the ids the action changed.
   */
  async bulk(
    actor: Actor,
    service: string,
    action: StubBulkAction,
    ids: readonly string[],
  ): Promise<string[]> {
    await this.#assertOwner(actor, service);
    const targets = await Promise.all(ids.map((id) => this.get(service, id)));
    const changed: string[] = [];
    for (const stub of targets) {
      if (action === 'delete') {
        if (await this.stubs.delete(service, stub.id)) changed.push(stub.id);
        this.registry.removeStub(service, stub.id);
        continue;
      }
      const enabled = action === 'enable';
      if (isEnabled(stub) === enabled) continue;
      await this.replace(actor, service, stub.id, { ...stub.doc, enabled });
      changed.push(stub.id);
    }
    return changed;
  }

  /**
   * Compiles the stub; a Python response has its code checked in the sandbox's validator, a proxy
   * response with its own upstream is judged by the same SSRF guard as a service's upstream.
   */
  async #compile(doc: unknown, id: string, createdAt: number): Promise<CompiledStub> {
    const compiled = compileAtBody(doc, id, createdAt);
    const { response } = compiled;
    if (response.kind === 'python') {
      await this.handlers.validate({
        code: response.code,
        entrypoint: 'handler',
        pointer: '/body/response/code',
      });
    } else if (response.kind === 'proxy' && response.upstream !== null) {
      await this.services.assertUpstreamAllowed(response.upstream, '/body/response/upstream');
    }
    return compiled;
  }

  async #assertOwner(actor: Actor, service: string): Promise<void> {
    const record = await this.services.get(service);
    assertCanChange(actor, record.ownerId, `service "${service}"`);
  }

  #record(
    compiled: CompiledStub,
    service: string,
    createdAt: number,
    updatedAt: number,
    createdBy: string,
    updatedBy: string,
  ): StubRecord {
    const doc = compiled.definition as unknown as Record<string, unknown>;
    return { id: compiled.id, service, doc, createdAt, updatedAt, createdBy, updatedBy };
  }
}
