import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Connection } from 'rabbitmq-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './http/admin/queue-test.fixture.js';
import { SERVICES, serviceAvailable } from './testing/services.js';
import { tempSqliteUrl } from './testing/temp-sqlite.js';

const up = await serviceAvailable('rabbitmq');
const root = fileURLToPath(new URL('../../..', import.meta.url));

interface Server {
  child: ChildProcess;
  url: string;
}

/** The built server as its own process, so it can really be SIGKILLed. */
async function startServer(db: string): Promise<Server> {
  const args = [
    'packages/server/dist/main.js',
    '--port',
    '0',
    '--mock-port',
    '0',
    '--db',
    db,
    '--python-sandbox',
    'off',
  ];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening main=(http:\/\/[^"\s]+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1] });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function api(url: string, token: string) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  };
}

async function signIn(url: string): Promise<string> {
  const credentials = { username: 'crash', password: 'crash-test-password' };
  const registered = await fetch(`${url}/internal/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const cookie = registered.headers.get('set-cookie')?.split(';')[0] ?? '';
  const token = await fetch(`${url}/internal/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: new URL(url).origin },
    body: JSON.stringify({ name: 'crash' }),
  });
  return ((await token.json()) as { token: string }).token;
}

describe.skipIf(!up)('queue intake when Understudy itself crashes', () => {
  const db = tempSqliteUrl();
  let amqp: Connection;
  beforeAll(async () => {
    // The test runs the built server; make sure the build is current.
    await promisify(execFile)('npx', ['tsc', '-b', 'packages/server'], { cwd: root });
    amqp = new Connection({ url: SERVICES.rabbitmq.url, connectionName: 'understudy-test-crash-producer' });
    amqp.on('error', () => {});
  }, 180_000);
  afterAll(async () => {
    await amqp?.close();
    db.remove();
  });

  it('SIGKILL mid-stream loses nothing: unacked deliveries come back after the restart', async () => {
    const first = await startServer(db.url);
    const token = await signIn(first.url);
    const call = api(first.url, token);
    await call('POST', '/internal/brokers', { name: 'local', kind: 'rabbitmq', url: SERVICES.rabbitmq.url });
    const queue = `understudy-test-crash-${randomBytes(4).toString('hex')}`;
    const mock = (await call('POST', '/internal/queues', {
      broker: 'local',
      queue,
      retention: { maxMessages: 100_000 },
    })) as {
      id: string;
    };
    const total = 10_000;
    const pub = amqp.createPublisher({ confirm: true });
    const publishing = (async () => {
      for (let from = 0; from < total; from += 500) {
        const batch = [];
        for (let seq = from; seq < from + 500; seq++)
          batch.push(pub.send({ routingKey: queue, durable: true }, { seq }));
        await Promise.all(batch);
      }
    })();
    const kept = async (c: typeof call) =>
      ((await c('GET', `/internal/queues/${mock.id}/stats`)) as { total: number }).total;
    await waitFor(
      '2000 kept',
      () => kept(call),
      (n) => n >= 2000,
      60_000,
    );
    const keptAtKill = await kept(call);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    await publishing;
    await pub.close();

    const second = await startServer(db.url);
    try {
      const again = api(second.url, token);
      await waitFor(
        'all seqs kept',
        () => kept(again),
        (n) => n >= total,
        60_000,
      );
      await sleep(500);
      const seqs: number[] = [];
      let redelivered = 0;
      let cursor: string | null = null;
      do {
        const page = (await again(
          'GET',
          `/internal/queues/${mock.id}/messages?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
        )) as {
          items: Array<{ body: { seq: number }; redelivered: boolean }>;
          next: string | null;
        };
        for (const m of page.items) {
          seqs.push(m.body.seq);
          if (m.redelivered) redelivered += 1;
        }
        cursor = page.next;
      } while (cursor);
      const distinct = new Set(seqs);
      const lost = total - [...distinct].filter((s) => s >= 0 && s < total).length;
      console.info(
        `[queue intake crash] SIGKILL mid-stream: published=${total} stored=${seqs.length} distinct=${distinct.size} ` +
          `lost=${lost} duplicates=${seqs.length - distinct.size} redelivered=${redelivered} keptAtKill=${keptAtKill}`,
      );
      expect(lost).toBe(0);
      // Deliveries the killed process held unacked came back marked redelivered.
      expect(redelivered).toBeGreaterThan(0);
      await again('DELETE', `/internal/queues/${mock.id}?deleteQueue=true`);
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));
    }
  }, 180_000);
});
