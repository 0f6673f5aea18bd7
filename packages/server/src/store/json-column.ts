import type { DialectName } from './schema.js';

/**
 * Documents are kept as raw JSON: JSONB on PostgreSQL (queryable, compact), TEXT on SQLite.
 * `pg` hands JSONB back parsed; SQLite hands back the text.
 */
export interface JsonColumn {
  encode(value: unknown): string;
  decode<T>(stored: unknown): T;
}

export function jsonColumn(_dialect: DialectName): JsonColumn {
  return {
    encode: (value) => JSON.stringify(value),
    decode: <T>(stored: unknown) => (typeof stored === 'string' ? JSON.parse(stored) : stored) as T,
  };
}

export const jsonType = (dialect: DialectName) => (dialect === 'postgres' ? 'jsonb' : 'text');
