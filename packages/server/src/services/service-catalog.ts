import { MODE_HISTORY_LIMIT, type ServiceCreate, type ServicePatch } from '@understudy/contracts';
import { assertCanChange, type Actor } from '../core/auth/actor.js';
import { ValidationError } from '../core/errors.js';
import { DEFAULT_JOURNAL } from '../core/mocking/service-defaults.js';
import { ClaimTakenError, ServiceExistsError, ServiceNotFoundError } from '../core/mocking/service-errors.js';
import type {
  Clock,
  ModeChangeRecord,
  ServiceRecord,
  ServiceStore,
  UpstreamGuard,
} from '../core/ports/index.js';
import { DEFAULT_PROXY, UpstreamForbiddenError, proxySettingsOf } from '../core/proxy/proxy-settings.js';
import type { MockRegistry } from './mock-registry.js';

/** Newest first; an older service's last switch stands in until it is switched again. */
export function modeHistoryOf(record: ServiceRecord): ModeChangeRecord[] {
  const kept = record.modeHistory;
  if (kept && kept.length > 0) return kept;
  return [
    { at: record.modeChangedAt, by: record.modeChangedBy, mode: record.mode, upstream: record.upstream },
  ];
}

function withSwitch(record: ServiceRecord, by: string, at: number): ServiceRecord {
  const change: ModeChangeRecord = { at, by, mode: record.mode, upstream: record.upstream };
  const earlier = record.modeHistory ?? [];
  return { ...record, modeHistory: [change, ...earlier].slice(0, MODE_HISTORY_LIMIT) };
}

/** Creating, changing and removing services; every change reaches the live registry at once. */
export class ServiceCatalog {
  constructor(
    private readonly services: ServiceStore,
    private readonly registry: MockRegistry,
    private readonly clock: Clock,
    /** The SSRF guard: an upstream is judged when it is saved (and again at connect time). */
    private readonly upstreams: UpstreamGuard,
  ) {}

  list(): Promise<ServiceRecord[]> {
    return this.services.list();
  }

  async get(name: string): Promise<ServiceRecord> {
    const service = await this.services.get(name);
    if (!service) throw new ServiceNotFoundError(name);
    return service;
  }

  async create(actor: Actor, input: ServiceCreate): Promise<ServiceRecord> {
    const now = this.clock.now();
    const record: ServiceRecord = {
      name: input.name,
      description: input.description ?? '',
      mode: input.mode ?? 'mock',
      upstream: input.upstream ?? null,
      claims: input.claims ?? {},
      journal: { ...DEFAULT_JOURNAL, ...input.journal },
      proxy: { ...DEFAULT_PROXY, ...input.proxy },
      ownerId: actor.id,
      createdAt: now,
      updatedAt: now,
      modeChangedAt: now,
      modeChangedBy: actor.username,
    };
    this.#check(record);
    await this.#checkUpstream(record.upstream);
    const created = await this.services.create(withSwitch(record, actor.username, now));
    if (created === 'taken') throw new ServiceExistsError(input.name);
    this.registry.putService(created);
    return created;
  }

  async update(actor: Actor, name: string, patch: ServicePatch): Promise<ServiceRecord> {
    const current = await this.get(name);
    assertCanChange(actor, current.ownerId, `service "${name}"`);
    const now = this.clock.now();
    const modeChanged = patch.mode !== undefined && patch.mode !== current.mode;
    const changed: ServiceRecord = {
      ...current,
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.mode !== undefined && { mode: patch.mode }),
      ...(patch.upstream !== undefined && { upstream: patch.upstream }),
      ...(patch.claims !== undefined && { claims: patch.claims }),
      ...(patch.journal !== undefined && { journal: { ...current.journal, ...patch.journal } }),
      ...(patch.proxy !== undefined && { proxy: { ...proxySettingsOf(current), ...patch.proxy } }),
      updatedAt: now,
      ...(modeChanged && { modeChangedAt: now, modeChangedBy: actor.username }),
    };
    const switched = modeChanged || changed.upstream !== current.upstream;
    const next = switched ? withSwitch(changed, actor.username, now) : changed;
    this.#check(next);
    if (next.upstream !== current.upstream) await this.#checkUpstream(next.upstream);
    const updated = await this.services.update(next);
    if (!updated) throw new ServiceNotFoundError(name);
    this.registry.putService(updated);
    return updated;
  }

  async delete(actor: Actor, name: string): Promise<void> {
    const current = await this.get(name);
    assertCanChange(actor, current.ownerId, `service "${name}"`);
    await this.services.delete(name);
    this.registry.removeService(name);
  }

  /**
   * The SSRF guard's judgement of an upstream being saved, as a 400 pointing at `pointer`: the
   * service's own upstream, or a proxy stub's (which the stub catalog checks the same way).
   */
  async assertUpstreamAllowed(upstream: string, pointer: string): Promise<void> {
    const refusal = await this.upstreams.assess(upstream);
    if (refusal) {
      throw new UpstreamForbiddenError(`Upstream ${upstream} is refused: ${refusal.message}`, [
        { path: pointer, message: refusal.message },
      ]);
    }
  }

  async #checkUpstream(upstream: string | null): Promise<void> {
    if (upstream !== null) await this.assertUpstreamAllowed(upstream, '/body/upstream');
  }

  #check(record: ServiceRecord): void {
    if (record.mode !== 'mock' && !record.upstream) {
      throw new ValidationError(`Mode "${record.mode}" needs an upstream URL to forward to`, [
        { path: '/body/upstream', message: `is required when mode is ${record.mode}` },
      ]);
    }
    for (const [i, host] of (record.claims.hosts ?? []).entries()) {
      const owner = this.registry.hostOwner(host);
      if (owner && owner !== record.name)
        throw new ClaimTakenError(`/body/claims/hosts/${i}`, `Host ${host}`, owner);
    }
    const prefix = record.claims.pathPrefix;
    const owner = prefix && this.registry.prefixOwner(prefix);
    if (prefix && owner && owner !== record.name) {
      throw new ClaimTakenError('/body/claims/pathPrefix', `Path prefix ${prefix}`, owner);
    }
  }
}
