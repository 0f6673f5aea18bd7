import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SERVICES } from './services.js';

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVICES.postgres.url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty PostgreSQL database for one test file; `drop()` removes it. */
export async function createThrowawayDatabase(): Promise<ThrowawayDatabase> {
  const name = `understudy_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = SERVICES.postgres.url.replace(/\/postgres$/, `/${name}`);
  return {
    url,
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
