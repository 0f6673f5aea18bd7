/** One recorded mock call. `entry` holds the full detail as JSON; the columns are what filters use. */
export interface JournalRecord {
  id?: number;
  service: string;
  receivedAt: number;
  method: string;
  path: string;
  status: number;
  stubId: string | null;
  entry: Record<string, unknown>;
}

export interface JournalFilter {
  method?: string;
  pathContains?: string;
  status?: number;
  matched?: boolean;
  since?: number;
  until?: number;
}

/** How much a service is called: the entries kept and when the newest arrived. */
export interface JournalSummary {
  count: number;
  lastReceivedAt: number | null;
}

export interface JournalStore {
  /** Writes a batch in one transaction; returns the new ids in order. */
  append(records: readonly JournalRecord[]): Promise<number[]>;
  /** Newest first; `before` is an id cursor (exclusive). */
  list(service: string, filter: JournalFilter, limit: number, before?: number): Promise<JournalRecord[]>;
  get(service: string, id: number): Promise<JournalRecord | undefined>;
  summary(service: string): Promise<JournalSummary>;
  clear(service: string): Promise<number>;
  /** Keeps the newest `maxEntries` and drops entries received before `olderThan`. */
  prune(service: string, maxEntries: number, olderThan: number): Promise<number>;
}
