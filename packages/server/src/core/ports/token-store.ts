export interface TokenRecord {
  id: string;
  userId: string;
  name: string;
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  tokenHash: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface TokenStore {
  create(token: TokenRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<TokenRecord | undefined>;
  listForUser(userId: string): Promise<TokenRecord[]>;
  /** Revokes (deletes) a token of that user; false when there was none. */
  delete(userId: string, id: string): Promise<boolean>;
  touch(id: string, at: number): Promise<void>;
}
