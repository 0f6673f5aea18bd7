import pg from 'pg';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSubscriber, ConfigChange } from '../core/ports/index.js';
import { waitFor } from '../testing/wait-for.js';
import { serviceAvailable } from '../testing/services.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../testing/throwaway-postgres.js';
import { listenerName, PostgresChangeFeed } from './postgres-change-feed.js';

const postgresUp = await serviceAvailable('postgres');
const log = pino({ level: 'silent' });

class Recorded implements ChangeSubscriber {
  changes: ConfigChange[] = [];
  resyncs = 0;
  changed(change: ConfigChange): void {
    this.changes.push(change);
  }
  resync(): void {
    this.resyncs += 1;
  }
}

describe.skipIf(!postgresUp)('PostgresChangeFeed', () => {
  let db: ThrowawayDatabase;
  let pool: pg.Pool;
  const feeds: PostgresChangeFeed[] = [];

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
  });
  afterEach(async () => {
    await Promise.all(feeds.splice(0).map((f) => f.close()));
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  async function feed(nodeId: string): Promise<PostgresChangeFeed> {
    const started = await PostgresChangeFeed.start({
      url: db.url,
      nodeId,
      publisher: pool,
      log,
      retryLowMs: 50,
      retryHighMs: 200,
    });
    feeds.push(started);
    return started;
  }

  it("delivers other nodes' changes, never its own", async () => {
    const a = await feed('a');
    const b = await feed('b');
    const heardByA = new Recorded();
    const heardByB = new Recorded();
    a.subscribe(heardByA);
    b.subscribe(heardByB);
    await a.publish({ topic: 'stub', key: 'payments' });
    await b.publish({ topic: 'queue', key: 'q-1' });
    await waitFor(
      'B hears A',
      () => heardByB.changes,
      (c) => c.length === 1,
    );
    await waitFor(
      'A hears B',
      () => heardByA.changes,
      (c) => c.length === 1,
    );
    expect(heardByB.changes).toEqual([{ topic: 'stub', key: 'payments', origin: 'a' }]);
    expect(heardByA.changes).toEqual([{ topic: 'queue', key: 'q-1', origin: 'b' }]);
  });

  it('hands changes heard before anyone subscribed to the first subscriber', async () => {
    const a = await feed('a');
    const b = await feed('b');
    await a.publish({ topic: 'broker', key: 'local' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const heard = new Recorded();
    b.subscribe(heard);
    expect(heard.changes).toEqual([{ topic: 'broker', key: 'local', origin: 'a' }]);
  });

  it('tells subscribers to resync after its connection was killed, and listens again', async () => {
    const a = await feed('a');
    const b = await feed('b');
    const heard = new Recorded();
    b.subscribe(heard);
    const killed = await pool.query(
      'select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = $1',
      [listenerName('b')],
    );
    expect(killed.rows).toEqual([{ done: true }]);
    await waitFor(
      'B resyncs',
      () => heard.resyncs,
      (n) => n === 1,
    );
    await a.publish({ topic: 'service', key: 'payments' });
    await waitFor(
      'B hears A again',
      () => heard.changes,
      (c) => c.length === 1,
    );
  });

  it('announces a change it could not send at first, once the database takes it again', async () => {
    let refusals = 2;
    const flaky = {
      query: (text: string, values: unknown[]) =>
        refusals-- > 0 ? Promise.reject(new Error('connection lost')) : pool.query(text, values),
    };
    const a = await PostgresChangeFeed.start({
      url: db.url,
      nodeId: 'a',
      publisher: flaky,
      log,
      retryLowMs: 50,
      retryHighMs: 200,
    });
    feeds.push(a);
    const b = await feed('b');
    const heardByB = new Recorded();
    b.subscribe(heardByB);
    await a.publish({ topic: 'stub', key: 'payments' });
    await waitFor(
      'B hears the retried announcement',
      () => heardByB.changes,
      (c) => c.length === 1,
    );
    expect(heardByB.changes).toEqual([{ topic: 'stub', key: 'payments', origin: 'a' }]);
    expect(refusals).toBeLessThan(0);
  });

  it('ignores a notification that is not a change', async () => {
    const b = await feed('b');
    const heard = new Recorded();
    b.subscribe(heard);
    await pool.query("select pg_notify('understudy_changes', 'not json')");
    await pool.query(`select pg_notify('understudy_changes', $1)`, [
      JSON.stringify({ topic: 'stub', key: 'after', origin: 'a' }),
    ]);
    await waitFor(
      'B hears the good one',
      () => heard.changes,
      (c) => c.length === 1,
    );
    expect(heard.changes[0]?.key).toBe('after');
  });
});
