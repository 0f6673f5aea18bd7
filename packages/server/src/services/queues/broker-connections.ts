import type { Logger } from 'pino';
import {
  BrokerUnavailableError,
  SecretUnreadableError,
  type BrokerAdapters,
  type BrokerClient,
  type BrokerKind,
  type BrokerRecord,
  type BrokerSettings,
  type BrokerStatus,
  type SecretBox,
} from '../../core/ports/index.js';
import { BrokerKindUnsupportedError } from '../../core/queues/queue-errors.js';

interface Entry {
  record: BrokerRecord;
  client: BrokerClient | null;
  /** Why there is no client (the password cannot be decrypted, no adapter): shown as the status. */
  fault: BrokerStatus | null;
}

export const secretContext = (broker: string) => `broker:${broker}`;

/**
 * One BrokerClient, hence one connection, per registered broker (issue 6: a fixed number of broker
 * connections however many queues are read; the adapter multiplexes consumers over it).
 */
export class BrokerConnections {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly adapters: BrokerAdapters,
    private readonly secrets: SecretBox,
    /** Tells this server's connections apart from other nodes' on the broker. */
    private readonly nodeId: string,
    private readonly log: Logger,
  ) {}

  assertSupported(kind: BrokerKind): void {
    if (!this.adapters[kind]) throw new BrokerKindUnsupportedError(kind, Object.keys(this.adapters));
  }

  connectionName(broker: string): string {
    return `understudy-${this.nodeId}-${broker}`;
  }

  /** Opens the broker's connection in the background; `settled` tells how the first attempt went. */
  open(record: BrokerRecord): void {
    const entry: Entry = { record, client: null, fault: null };
    this.#entries.set(record.name, entry);
    try {
      entry.client = this.#create(record);
    } catch (error) {
      const code = error instanceof SecretUnreadableError ? error.code : 'BROKER_UNUSABLE';
      const message = error instanceof Error ? error.message : String(error);
      entry.fault = { state: 'failed', lastError: { code, message, at: new Date() } };
      this.log.error({ broker: record.name, code }, `broker ${record.name} cannot connect: ${message}`);
      return;
    }
    const client = entry.client;
    client.onStatusChange((status) => this.#logStatus(record.name, status));
    void client.connect();
  }

  /** The status once the first connection attempt is over, or after `capMs`, whichever is first. */
  async settled(broker: string, capMs: number): Promise<BrokerStatus> {
    const client = this.#entries.get(broker)?.client;
    if (client) {
      let timer: NodeJS.Timeout | undefined;
      const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, capMs)));
      await Promise.race([client.connect(), cap]).finally(() => clearTimeout(timer));
    }
    return this.status(broker);
  }

  status(broker: string): BrokerStatus {
    const entry = this.#entries.get(broker);
    return entry?.client?.status ?? entry?.fault ?? { state: 'closed' };
  }

  kind(broker: string): BrokerKind | undefined {
    return this.#entries.get(broker)?.record.kind;
  }

  settings(broker: string): BrokerSettings {
    return this.#entries.get(broker)?.record.options ?? {};
  }

  /** The broker's client, or a 503 that says why there is none. */
  client(broker: string): BrokerClient {
    const entry = this.#entries.get(broker);
    if (entry?.client) return entry.client;
    const fault = entry?.fault && 'lastError' in entry.fault ? entry.fault.lastError : undefined;
    throw new BrokerUnavailableError(
      fault ? `Broker "${broker}": ${fault.message}` : `Broker "${broker}" is not connected`,
      fault?.code ?? 'NOT_CONNECTED',
    );
  }

  async close(broker: string): Promise<void> {
    const entry = this.#entries.get(broker);
    this.#entries.delete(broker);
    await entry?.client?.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#entries.keys()].map((name) => this.close(name)));
  }

  #create(record: BrokerRecord): BrokerClient {
    const factory = this.adapters[record.kind];
    if (!factory) throw new BrokerKindUnsupportedError(record.kind, Object.keys(this.adapters));
    const password =
      record.passwordSealed === null
        ? null
        : this.secrets.open(record.passwordSealed, secretContext(record.name));
    return factory({
      name: record.name,
      kind: record.kind,
      url: record.url,
      username: record.username,
      password,
      connectionName: this.connectionName(record.name),
      options: record.options,
    });
  }

  #logStatus(broker: string, status: BrokerStatus): void {
    // The adapter reports each change once (no spam while it retries), so each is worth a line.
    if (status.state === 'connected') this.log.info({ broker }, `broker ${broker} connected`);
    else if ('lastError' in status) {
      const { code, message } = status.lastError;
      this.log.warn({ broker, code }, `broker ${broker} ${status.state}: ${message}`);
    }
  }
}
