import type { Kysely, Selectable } from 'kysely';
import type { BridgeCounts, BridgeRecord, BridgeStore } from '../core/ports/index.js';
import { isForeignKeyViolation } from './foreign-key-violation.js';
import type { JsonColumn } from './json-column.js';
import type { BridgesTable, Tables } from './schema.js';
import { isUniqueViolation } from './unique-violation.js';

type BridgeDoc = Pick<BridgeRecord, 'in' | 'out' | 'mapper' | 'concurrency' | 'enabled' | 'retry'>;

export class KyselyBridgeStore implements BridgeStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly json: JsonColumn,
  ) {}

  #toRecord(row: Selectable<BridgesTable>): BridgeRecord {
    const doc = this.json.decode<BridgeDoc>(row.doc);
    return {
      id: row.id,
      name: row.name,
      in: doc.in,
      out: doc.out,
      mapper: doc.mapper,
      concurrency: doc.concurrency,
      enabled: doc.enabled,
      retry: doc.retry,
      ownerId: row.owner_id,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    };
  }

  #doc({ in: source, out, mapper, concurrency, enabled, retry }: BridgeRecord): string {
    return this.json.encode({ in: source, out, mapper, concurrency, enabled, retry } satisfies BridgeDoc);
  }

  async create(bridge: BridgeRecord): Promise<BridgeRecord | 'taken' | 'no-broker'> {
    try {
      await this.db
        .insertInto('bridges')
        .values({
          id: bridge.id,
          name: bridge.name,
          in_broker: bridge.in.broker,
          out_broker: bridge.out.broker,
          doc: this.#doc(bridge),
          owner_id: bridge.ownerId,
          created_at: bridge.createdAt,
          updated_at: bridge.updatedAt,
        })
        .execute();
      return bridge;
    } catch (error) {
      return refusal(error);
    }
  }

  async get(id: string): Promise<BridgeRecord | undefined> {
    const row = await this.db.selectFrom('bridges').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.#toRecord(row);
  }

  async list(): Promise<BridgeRecord[]> {
    const rows = await this.db
      .selectFrom('bridges')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => this.#toRecord(row));
  }

  async update(bridge: BridgeRecord): Promise<BridgeRecord | undefined | 'taken' | 'no-broker'> {
    try {
      const result = await this.db
        .updateTable('bridges')
        .set({
          name: bridge.name,
          in_broker: bridge.in.broker,
          out_broker: bridge.out.broker,
          doc: this.#doc(bridge),
          updated_at: bridge.updatedAt,
        })
        .where('id', '=', bridge.id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0 ? bridge : undefined;
    } catch (error) {
      return refusal(error);
    }
  }

  async delete(id: string): Promise<boolean> {
    // Dead letters go with it (ON DELETE CASCADE).
    const result = await this.db.deleteFrom('bridges').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async counts(id: string): Promise<BridgeCounts | undefined> {
    const row = await this.db
      .selectFrom('bridges')
      .select(['in_count', 'out_count', 'dropped_count', 'dead_count'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const { in_count, out_count, dropped_count, dead_count } = row;
    return {
      in: Number(in_count),
      out: Number(out_count),
      dropped: Number(dropped_count),
      dead: Number(dead_count),
    };
  }

  async addCounts(id: string, delta: BridgeCounts): Promise<void> {
    await this.db
      .updateTable('bridges')
      .set((eb) => ({
        in_count: eb('in_count', '+', delta.in),
        out_count: eb('out_count', '+', delta.out),
        dropped_count: eb('dropped_count', '+', delta.dropped),
        dead_count: eb('dead_count', '+', delta.dead),
      }))
      .where('id', '=', id)
      .execute();
  }
}

function refusal(error: unknown): 'taken' | 'no-broker' {
  if (isUniqueViolation(error)) return 'taken';
  if (isForeignKeyViolation(error)) return 'no-broker';
  throw error;
}
