import { setTimeout as sleep } from 'node:timers/promises';
import type { BrokerClient } from '../../core/ports/broker-client.js';
import { SERVICES } from '../../testing/services.js';
import { isPortOpen, run, waitForPort } from '../broker-process.fixture.js';
import type { BrokerContractHarness } from '../broker-contract.fixture.js';
import { newRunPrefix, TEST_CLIENT_TIMING } from '../test-clients.fixture.js';
import { RedisBrokerClient } from './redis-broker-client.js';
import type { RedisClientOptions } from './redis-options.js';

/** Every stream key and client name of one test run shares this prefix, so parallel runs never collide. */
export const RUN_PREFIX = newRunPrefix();
let counter = 0;
const names = new WeakMap<BrokerClient, string>();

/** A client with short delays (tests should not wait 30 s for a reconnect) and a findable name. */
export function testClient(overrides: Partial<RedisClientOptions> = {}): RedisBrokerClient {
  const name = overrides.name ?? `${RUN_PREFIX}-c${(counter += 1)}`;
  const client = new RedisBrokerClient({
    url: SERVICES.redis.url,
    ...TEST_CLIENT_TIMING,
    blockMs: 500,
    ...overrides,
    name,
  });
  names.set(client, name);
  return client;
}

export function testStream(): string {
  return `${RUN_PREFIX}:q${(counter += 1)}`;
}

function redisCli(...args: string[]): Promise<{ stdout: string }> {
  return run('redis-cli', ['-h', SERVICES.redis.host, '-p', String(SERVICES.redis.port), ...args]);
}

/**
 * Kills this client's connections (commands and readers) by id, server side. Never by type or user:
 * other suites on this machine share the Redis server.
 */
export async function dropConnections(client: BrokerClient): Promise<void> {
  const name = names.get(client);
  if (!name) throw new Error('not a test client');
  const { stdout } = await redisCli('CLIENT', 'LIST');
  const ids = stdout
    .split('\n')
    .filter((line) => line.split(' ').some((f) => f === `name=${name}` || f.startsWith(`name=${name}:`)))
    .map((line) => /\bid=(\d+)/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);
  if (ids.length === 0) throw new Error(`no Redis connection named ${name} to kill`);
  for (const id of ids) await redisCli('CLIENT', 'KILL', 'ID', id);
}

/** As .ci/run starts it: no RDB, no AOF, so a restart keeps nothing. */
async function startRedis(): Promise<void> {
  if (await isPortOpen(SERVICES.redis.port)) return;
  await run('redis-server', [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '-::1',
    '--port',
    '6379',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    '/var/lib/redis',
    '--logfile',
    '/var/log/redis/ci.log',
  ]);
  await waitForPort(SERVICES.redis.port, true);
}

/** SHUTDOWN NOSAVE, then a fresh start after `downMs`: every stream and group on it is gone. */
export async function restartRedis(downMs: number): Promise<void> {
  await redisCli('SHUTDOWN', 'NOSAVE').catch(() => {}); // the connection closes as it shuts down
  await waitForPort(SERVICES.redis.port, false);
  try {
    await sleep(downMs);
  } finally {
    await startRedis();
  }
}

export const redisHarness: BrokerContractHarness = {
  createClient: () => testClient(),
  newTarget: testStream,
  declareOptions: () => ({ kind: 'redis', create: true, group: 'understudy' }),
  dropConnection: dropConnections,
  createUnreachableClient: () => testClient({ url: 'redis://127.0.0.1:1', acquireTimeoutMs: 1000 }),
  // The test server has only the passwordless default user: a user it does not know is refused (WRONGPASS).
  createClientWithWrongCredentials: () =>
    testClient({ username: 'understudy-nobody', password: 'not-the-password', acquireTimeoutMs: 1000 }),
  restartServer: () => restartRedis(3000),
  acksSurviveReconnect: true,
  restartKeepsData: false,
  teardown: startRedis,
};
