import type { BrokerCreate, BrokerOptionsPatch, BrokerPatch } from '@understudy/contracts';
import { assertCanChange, type Actor } from '../../core/auth/actor.js';
import { ValidationError } from '../../core/errors.js';
import type {
  BrokerRecord,
  BrokerSettings,
  BrokerStatus,
  BrokerStore,
  Clock,
  QueueMockStore,
  SecretBox,
} from '../../core/ports/index.js';
import { splitCredentials } from '../../core/queues/broker-url.js';
import { BrokerExistsError, BrokerInUseError, BrokerNotFoundError } from '../../core/queues/queue-errors.js';
import { secretContext, type BrokerConnections } from './broker-connections.js';
import type { QueueIntake } from './queue-intake.js';

/** How long a create or change waits for the first connection attempt, so its answer shows a real status. */
const SETTLE_MS = 3000;

export interface BrokerCatalogDeps {
  brokers: BrokerStore;
  queueMocks: QueueMockStore;
  secrets: SecretBox;
  connections: BrokerConnections;
  intake: QueueIntake;
  clock: Clock;
}

function checkSettings(options: BrokerSettings): void {
  const { retryLowMs, retryHighMs } = options;
  if (retryLowMs !== undefined && retryHighMs !== undefined && retryLowMs > retryHighMs) {
    throw new ValidationError('retryLowMs must not exceed retryHighMs', [
      { path: '/body/options/retryLowMs', message: 'must be at most retryHighMs' },
    ]);
  }
}

/** The stored options with a patch applied: a value sets an option, null removes it (back to its default). */
function patchOptions(current: BrokerSettings, patch: BrokerOptionsPatch | undefined): BrokerSettings {
  const next: Record<string, number> = { ...current };
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next;
}

/** Registering, changing and removing brokers; each change reaches its live connection at once. */
export class BrokerCatalog {
  constructor(private readonly deps: BrokerCatalogDeps) {}

  list(): Promise<BrokerRecord[]> {
    return this.deps.brokers.list();
  }

  async get(name: string): Promise<BrokerRecord> {
    const broker = await this.deps.brokers.get(name);
    if (!broker) throw new BrokerNotFoundError(name);
    return broker;
  }

  status(name: string): BrokerStatus {
    return this.deps.connections.status(name);
  }

  connectionName(name: string): string {
    return this.deps.connections.connectionName(name);
  }

  async create(actor: Actor, input: BrokerCreate): Promise<BrokerRecord> {
    this.deps.connections.assertSupported(input.kind);
    const split = splitCredentials(input.kind, input.url);
    const now = this.deps.clock.now();
    const options = input.options ?? {};
    checkSettings(options);
    const record: BrokerRecord = {
      name: input.name,
      kind: input.kind,
      url: split.url,
      username: input.username ?? split.username,
      passwordSealed: this.#seal(input.name, input.password ?? split.password),
      options,
      ownerId: actor.id,
      createdAt: now,
      updatedAt: now,
    };
    const created = await this.deps.brokers.create(record);
    if (created === 'taken') throw new BrokerExistsError(input.name);
    this.deps.connections.open(created);
    await this.deps.connections.settled(created.name, SETTLE_MS);
    return created;
  }

  /** Any change reconnects: the queue mocks stop (their batches in hand are stored) and resume on the new connection. */
  async update(actor: Actor, name: string, patch: BrokerPatch): Promise<BrokerRecord> {
    const current = await this.get(name);
    assertCanChange(actor, current.ownerId, `broker "${name}"`);
    const split = patch.url === undefined ? undefined : splitCredentials(current.kind, patch.url);
    const username = patch.username !== undefined ? patch.username : (split?.username ?? current.username);
    // Credentials in a new URL replace the stored ones; a URL without them keeps what is stored.
    const password = patch.password !== undefined ? patch.password : (split?.password ?? undefined);
    const next: BrokerRecord = {
      ...current,
      url: split?.url ?? current.url,
      username,
      passwordSealed: password === undefined ? current.passwordSealed : this.#seal(name, password),
      options: patchOptions(current.options, patch.options),
      updatedAt: this.deps.clock.now(),
    };
    checkSettings(next.options);
    const updated = await this.deps.brokers.update(next);
    if (!updated) throw new BrokerNotFoundError(name);
    await this.#reconnect(updated);
    return updated;
  }

  async delete(actor: Actor, name: string): Promise<void> {
    const current = await this.get(name);
    assertCanChange(actor, current.ownerId, `broker "${name}"`);
    const users = await this.deps.queueMocks.listByBroker(name);
    if (users.length > 0) throw new BrokerInUseError(name, users);
    // The foreign key settles a queue mock created in between: the delete is refused, nothing closed.
    const deleted = await this.deps.brokers.delete(name);
    if (deleted === 'in-use') throw new BrokerInUseError(name, await this.deps.queueMocks.listByBroker(name));
    await this.deps.connections.close(name);
  }

  async #reconnect(record: BrokerRecord): Promise<void> {
    const { intake, connections } = this.deps;
    const mocks = await intake.stopBroker(record.name);
    await connections.close(record.name);
    connections.open(record);
    for (const mock of mocks) intake.start(mock);
    await connections.settled(record.name, SETTLE_MS);
  }

  #seal(broker: string, password: string | null): string | null {
    return password === null ? null : this.deps.secrets.seal(password, secretContext(broker));
  }
}
