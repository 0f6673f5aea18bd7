/** A stub as kept: the document the user wrote (validated) plus bookkeeping. */
export interface StubRecord {
  id: string;
  service: string;
  /** The stub document as accepted (request, response, priority, enabled, name). */
  doc: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  createdBy: string;
  updatedBy: string;
}

export interface StubStore {
  create(stub: StubRecord): Promise<void>;
  get(service: string, id: string): Promise<StubRecord | undefined>;
  /** Oldest first. */
  listForService(service: string): Promise<StubRecord[]>;
  listAll(): Promise<StubRecord[]>;
  update(stub: StubRecord): Promise<boolean>;
  delete(service: string, id: string): Promise<boolean>;
  countByService(): Promise<Map<string, number>>;
}
