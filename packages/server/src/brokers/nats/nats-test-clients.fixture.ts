import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrokerClient } from '../../core/ports/broker-client.js';
import { SERVICES } from '../../testing/services.js';
import {
  freePort,
  isPortOpen,
  run,
  stopServerOn,
  ThrowawayServer,
  waitForPort,
} from '../broker-process.fixture.js';
import type { BrokerContractHarness } from '../broker-contract.fixture.js';
import { TcpFaultProxy } from '../tcp-fault-proxy.fixture.js';
import { NatsBrokerClient } from './nats-broker-client.js';
import type { NatsClientOptions } from './nats-options.js';

/** Every subject and connection of one test run shares this prefix, so runs in parallel never collide. */
export const RUN_PREFIX = `understudy-test-${randomBytes(4).toString('hex')}`;
let counter = 0;
const proxies = new Map<BrokerClient, TcpFaultProxy>();
let authServer: ThrowawayServer | undefined;

/**
 * A client with short delays (tests should not wait 30 s for a reconnect or a redelivery), connected
 * through its own fault proxy so a test can cut exactly its connection: NATS has no admin command for
 * that without a system account.
 */
export function testClient(overrides: Partial<NatsClientOptions> = {}, viaProxy = true): NatsBrokerClient {
  const proxy = viaProxy ? new TcpFaultProxy(SERVICES.nats.host, SERVICES.nats.port) : undefined;
  const client = new NatsBrokerClient({
    url: proxy ? `nats://127.0.0.1:${proxy.port}` : SERVICES.nats.url,
    name: `${RUN_PREFIX}-conn${(counter += 1)}`,
    retryLowMs: 100,
    retryHighMs: 1000,
    acquireTimeoutMs: 15_000,
    ackWaitMs: 5000,
    pullExpiresMs: 5000,
    ...overrides,
  });
  if (proxy) proxies.set(client, proxy);
  return client;
}

export function testSubject(): string {
  return `${RUN_PREFIX}.q${(counter += 1)}`;
}

export async function dropConnections(client: BrokerClient): Promise<void> {
  // Right after connecting the proxy may not have relayed yet; give it a moment.
  for (let attempt = 0; attempt < 20; attempt += 1) {
    if ((proxies.get(client)?.dropAll() ?? 0) > 0) return;
    await sleep(50);
  }
  throw new Error('no NATS connection of this client to drop');
}

const NATS_ARGS = [
  '-a',
  '127.0.0.1',
  '-p',
  '4222',
  '-js',
  '-sd',
  '/var/lib/nats-server',
  '-l',
  '/var/log/nats-server.log',
];

/**
 * Starts the machine's NATS server as .ci/run does, with a pid file of its own: `--oknodo` alone would
 * take any running nats-server (say the test's throwaway one) for this one and start nothing.
 */
async function startNats(): Promise<void> {
  if (await isPortOpen(SERVICES.nats.port)) return;
  const daemon = ['--start', '--background', '--make-pidfile', '--pidfile', '/run/understudy-test-nats.pid'];
  await run('start-stop-daemon', [...daemon, '--exec', '/usr/sbin/nats-server', '--', ...NATS_ARGS]);
  await waitForPort(SERVICES.nats.port, true);
}

/** Stops the server (SIGTERM: JetStream flushes its file store) and starts it again after `downMs`. */
export async function restartNats(downMs: number): Promise<void> {
  await stopServerOn(SERVICES.nats.port);
  try {
    await sleep(downMs);
  } finally {
    await startNats();
  }
}

/** A throwaway NATS server that requires a user and password, for the refused-credentials test. */
async function authNatsUrl(): Promise<string> {
  const port = await freePort();
  const args = ['-a', '127.0.0.1', '-p', String(port), '--user', 'understudy', '--pass', 'the-password'];
  authServer ??= await ThrowawayServer.start('nats-server', args, port);
  return `nats://127.0.0.1:${port}`;
}

export const natsHarness: BrokerContractHarness = {
  createClient: () => testClient(),
  newTarget: testSubject,
  // No durable name: the derived one is what a client that did not declare the subject reads with.
  declareOptions: () => ({ kind: 'nats', create: true }),
  dropConnection: dropConnections,
  // Port 1 on loopback refuses at once: an unreachable broker without waiting for a TCP timeout.
  createUnreachableClient: () => testClient({ url: 'nats://127.0.0.1:1', acquireTimeoutMs: 1000 }, false),
  createClientWithWrongCredentials: async () =>
    testClient(
      {
        url: await authNatsUrl(),
        username: 'understudy',
        password: 'not-the-password',
        acquireTimeoutMs: 1000,
      },
      false,
    ),
  restartServer: () => restartNats(3000),
  acksSurviveReconnect: true,
  teardown: async () => {
    await authServer?.stop();
    authServer = undefined;
    await Promise.all([...proxies.values()].map((p) => p.close()));
    proxies.clear();
    await startNats();
  },
};
