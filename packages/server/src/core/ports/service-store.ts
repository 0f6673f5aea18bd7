export type ServiceModeName = 'mock' | 'proxy' | 'partial';

export interface ServiceRecord {
  name: string;
  description: string;
  mode: ServiceModeName;
  upstream: string | null;
  claims: { hosts?: string[]; pathPrefix?: string };
  journal: { maxEntries: number; maxAgeHours: number; bodyCapBytes: number };
  /** Forwarding settings; absent on services saved before the proxy existed (defaults apply). */
  proxy?: { timeoutMs: number; keepHost: boolean; record: boolean };
  ownerId: string;
  createdAt: number;
  updatedAt: number;
  modeChangedAt: number;
  modeChangedBy: string;
  /** Switches of mode or upstream, newest first; absent on services saved before it was kept. */
  modeHistory?: ModeChangeRecord[];
}

/** One switch of mode or upstream (time in ms). */
export interface ModeChangeRecord {
  at: number;
  by: string;
  mode: ServiceModeName;
  upstream: string | null;
}

export interface ServiceStore {
  /** 'taken' when the name exists. */
  create(service: ServiceRecord): Promise<ServiceRecord | 'taken'>;
  get(name: string): Promise<ServiceRecord | undefined>;
  list(): Promise<ServiceRecord[]>;
  /** Replaces the mutable fields; undefined when there is no such service. */
  update(service: ServiceRecord): Promise<ServiceRecord | undefined>;
  /** Deletes the service with its stubs and journal. */
  delete(name: string): Promise<boolean>;
}
