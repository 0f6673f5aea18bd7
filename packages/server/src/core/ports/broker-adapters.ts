import type { BrokerClient, BrokerKind } from './broker-client.js';
import type { BrokerSettings } from './broker-store.js';

/** What an adapter needs to open one broker connection: credentials in clear, only in memory. */
export interface BrokerConnectionSpec {
  name: string;
  kind: BrokerKind;
  /** Without credentials; adapters that want them in the URL put them back. */
  url: string;
  username: string | null;
  password: string | null;
  /** How the connection names itself to the broker (shown in its management UI). */
  connectionName: string;
  options: BrokerSettings;
}

/**
 * The BrokerClient adapter of each kind, chosen in the composition root. A kind missing here has no
 * adapter in this build; registering a broker of that kind is refused with a message saying so.
 */
export type BrokerAdapters = Partial<Record<BrokerKind, (spec: BrokerConnectionSpec) => BrokerClient>>;
