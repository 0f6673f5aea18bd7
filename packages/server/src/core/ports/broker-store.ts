import type { BrokerKind } from './broker-client.js';

/** Connection settings a broker may override; absent ones take the adapter's defaults. */
export interface BrokerSettings {
  prefetch?: number;
  maxInFlight?: number;
  heartbeatSeconds?: number;
  retryLowMs?: number;
  retryHighMs?: number;
}

/** A registered broker as kept. The URL never holds credentials; the password only sealed. */
export interface BrokerRecord {
  name: string;
  kind: BrokerKind;
  url: string;
  username: string | null;
  /** The password sealed by the SecretBox, or null. */
  passwordSealed: string | null;
  options: BrokerSettings;
  ownerId: string;
  createdAt: number;
  updatedAt: number;
}

export interface BrokerStore {
  /** 'taken' when the name exists. */
  create(broker: BrokerRecord): Promise<BrokerRecord | 'taken'>;
  get(name: string): Promise<BrokerRecord | undefined>;
  /** By name. */
  list(): Promise<BrokerRecord[]>;
  /** Replaces the mutable fields; undefined when there is no such broker. */
  update(broker: BrokerRecord): Promise<BrokerRecord | undefined>;
  /** 'in-use' when queue mocks still reference it (checked by the database, so no race slips by). */
  delete(name: string): Promise<boolean | 'in-use'>;
}
