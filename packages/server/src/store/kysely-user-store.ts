import { sql, type Kysely, type Selectable } from 'kysely';
import type { Role, UserRecord, UserStore } from '../core/ports/index.js';
import type { Tables, UsersTable } from './schema.js';
import { isUniqueViolation } from './unique-violation.js';

function toRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role as Role,
    disabled: Boolean(row.disabled),
    createdAt: Number(row.created_at),
  };
}

export class KyselyUserStore implements UserStore {
  constructor(private readonly db: Kysely<Tables>) {}

  async create(user: UserRecord): Promise<UserRecord | 'taken'> {
    // One statement decides "first user ⇒ admin", so two racing sign-ups on SQLite cannot both be first.
    const role = sql<string>`case when exists (select 1 from users) then ${user.role} else 'admin' end`;
    try {
      const row = await this.db
        .insertInto('users')
        .columns(['id', 'username', 'password_hash', 'role', 'disabled', 'created_at'])
        .expression(
          this.db
            .selectNoFrom([
              sql<string>`${user.id}`.as('id'),
              sql<string>`${user.username}`.as('username'),
              sql<string>`${user.passwordHash}`.as('password_hash'),
              role.as('role'),
              sql<number>`${user.disabled ? 1 : 0}`.as('disabled'),
              sql<number>`${user.createdAt}`.as('created_at'),
            ])
            .$castTo<Selectable<UsersTable>>(),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where(sql`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async list(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  async update(
    id: string,
    patch: Partial<Pick<UserRecord, 'role' | 'disabled'>>,
  ): Promise<UserRecord | undefined> {
    const values: Partial<UsersTable> = {};
    if (patch.role !== undefined) values.role = patch.role;
    if (patch.disabled !== undefined) values.disabled = patch.disabled ? 1 : 0;
    if (Object.keys(values).length === 0) return this.findById(id);
    const row = await this.db
      .updateTable('users')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async countAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
