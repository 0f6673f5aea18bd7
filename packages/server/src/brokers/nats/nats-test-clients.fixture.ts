import type { BrokerClient } from '../../core/ports/broker-client.js';
import { SERVICES } from '../../testing/services.js';
import { freePort, isPortOpen, run, ThrowawayServer, waitForPort } from '../broker-process.fixture.js';
import type { BrokerContractHarness } from '../broker-contract.fixture.js';
import { ClientProxies, newRunPrefix, restartServerOn, TEST_CLIENT_TIMING } from '../test-clients.fixture.js';
import { NatsBrokerClient } from './nats-broker-client.js';
import type { NatsClientOptions } from './nats-options.js';

/** Every subject and connection of one test run shares this prefix, so runs in parallel never collide. */
export const RUN_PREFIX = newRunPrefix();
let counter = 0;
const proxies = new ClientProxies('NATS');
let authServer: ThrowawayServer | undefined;

/**
 * A client with short delays (tests should not wait 30 s for a reconnect or a redelivery), connected
 * through its own fault proxy (`viaProxy`) so a test can cut exactly its connection.
 */
export function testClient(overrides: Partial<NatsClientOptions> = {}, viaProxy = true): NatsBrokerClient {
  const make = (url: string) =>
    new NatsBrokerClient({
      url,
      name: `${RUN_PREFIX}-conn${(counter += 1)}`,
      ...TEST_CLIENT_TIMING,
      ackWaitMs: 5000,
      pullExpiresMs: 5000,
      ...overrides,
    });
  return viaProxy ? proxies.create(SERVICES.nats, 'nats', make) : make(SERVICES.nats.url);
}

export function testSubject(): string {
  return `${RUN_PREFIX}.q${(counter += 1)}`;
}

export const dropConnections = (client: BrokerClient): Promise<void> => proxies.drop(client);

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
export const restartNats = (downMs: number): Promise<void> =>
  restartServerOn(SERVICES.nats.port, downMs, startNats);

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
    await proxies.closeAll();
    await startNats();
  },
};
