export type Role = 'admin' | 'member';

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
}

export interface UserStore {
  /**
   * Inserts a user; the very first user of an empty store becomes admin, atomically, whatever
   * `role` says. Returns the stored record, or 'taken' when the name exists (case-insensitively).
   */
  create(user: Omit<UserRecord, 'role'> & { role: Role }): Promise<UserRecord | 'taken'>;
  findById(id: string): Promise<UserRecord | undefined>;
  /** Case-insensitive. */
  findByUsername(username: string): Promise<UserRecord | undefined>;
  list(): Promise<UserRecord[]>;
  update(id: string, patch: Partial<Pick<UserRecord, 'role' | 'disabled'>>): Promise<UserRecord | undefined>;
  delete(id: string): Promise<boolean>;
  countAdmins(): Promise<number>;
}
