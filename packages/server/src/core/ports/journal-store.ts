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

/**
 * One bounded retention step for a service: drop its oldest entries beyond the newest `maxEntries`,
 * and those received before `olderThan`, but at most `limit` rows, so that no step costs more than
 * its bound. Age follows id order: an expired entry goes once the entries recorded before it have.
 */
export interface JournalPruneStep {
  service: string;
  maxEntries: number;
  olderThan: number;
  limit: number;
}

export interface JournalAppended {
  /**
   * The new ids, in the order of the records; null for a record the store could not keep (a
   * store's own bound, such as the SQLite journal's on services), which the batch does not fail for.
   */
  ids: (number | null)[];
  /** Rows each prune step deleted, in the order of the steps; `limit` means more may be due. */
  pruned: number[];
}

export interface JournalStore {
  /**
   * Writes a batch in one transaction, and runs the given prune steps after it in the same one (a
   * commit per batch, not one more per step).
   */
  append(records: readonly JournalRecord[], prune?: readonly JournalPruneStep[]): Promise<JournalAppended>;
  /** Newest first; `before` is an id cursor (exclusive). */
  list(service: string, filter: JournalFilter, limit: number, before?: number): Promise<JournalRecord[]>;
  get(service: string, id: number): Promise<JournalRecord | undefined>;
  summary(service: string): Promise<JournalSummary>;
  clear(service: string): Promise<number>;
  /** Runs one prune step on its own; returns the rows deleted (`limit` means more may be due). */
  prune(step: JournalPruneStep): Promise<number>;
}
