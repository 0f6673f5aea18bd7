import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrokerClient } from '../../core/ports/broker-client.js';
import { SERVICES } from '../../testing/services.js';
import { freePort, isPortOpen, run, ThrowawayServer, waitForPort } from '../broker-process.fixture.js';
import type { BrokerContractHarness } from '../broker-contract.fixture.js';
import { ClientProxies, newRunPrefix, restartServerOn, TEST_CLIENT_TIMING } from '../test-clients.fixture.js';
import { MqttBrokerClient } from './mqtt-broker-client.js';
import type { MqttClientOptions } from './mqtt-options.js';

/** Every topic and client id of one test run shares this prefix, so runs in parallel never collide. */
export const RUN_PREFIX = newRunPrefix();
let counter = 0;
const proxies = new ClientProxies('MQTT');
let authServer: { server: ThrowawayServer; dir: string; url: string } | undefined;

/**
 * Mosquitto's default max_queued_messages (the machine's mosquitto.conf does not change it): beyond
 * 1000 messages queued for one session, QoS 1 messages are dropped by the broker without a word.
 */
export const MOSQUITTO_QUEUE_LIMIT = 1000;

/**
 * A client with short delays and sessions that expire after 10 minutes, connected through its own fault
 * proxy (`viaProxy`: all its connections, publisher and sessions), since Mosquitto cannot kick a client.
 */
export function testClient(overrides: Partial<MqttClientOptions> = {}, viaProxy = true): MqttBrokerClient {
  const make = (url: string) =>
    new MqttBrokerClient({
      url,
      name: `${RUN_PREFIX}-c${(counter += 1)}`,
      ...TEST_CLIENT_TIMING,
      sessionExpirySeconds: 600,
      ...overrides,
    });
  return viaProxy ? proxies.create(SERVICES.mqtt, 'mqtt', make) : make(SERVICES.mqtt.url);
}

export function testTopic(): string {
  return `${RUN_PREFIX}/q${(counter += 1)}`;
}

export const dropConnections = (client: BrokerClient): Promise<void> => proxies.drop(client);

/** Starts the machine's Mosquitto as .ci/run does (it drops to the mosquitto user itself). */
async function startMosquitto(): Promise<void> {
  if (await isPortOpen(SERVICES.mqtt.port)) return;
  await run('mosquitto', ['-d', '-c', '/etc/mosquitto/mosquitto.conf']);
  await waitForPort(SERVICES.mqtt.port, true);
}

/**
 * Stops Mosquitto with SIGTERM (with `persistence true`, as configured here, it writes sessions,
 * subscriptions and queued messages to its database on the way out) and starts it after `downMs`.
 */
export const restartMosquitto = (downMs: number): Promise<void> =>
  restartServerOn(SERVICES.mqtt.port, downMs, startMosquitto);

/** A throwaway Mosquitto that requires a user and password, for the refused-credentials test. */
async function authMosquittoUrl(): Promise<string> {
  if (!authServer) {
    const port = await freePort();
    const dir = await mkdtemp(path.join(tmpdir(), 'understudy-mqtt-auth-'));
    await chmod(dir, 0o755); // Mosquitto drops to its own user before it reads the files
    const passwords = path.join(dir, 'passwords');
    await writeFile(passwords, '');
    await run('mosquitto_passwd', ['-b', passwords, 'understudy', 'the-password']);
    await chmod(passwords, 0o644);
    const conf = [`listener ${port} 127.0.0.1`, 'allow_anonymous false', `password_file ${passwords}`];
    await writeFile(path.join(dir, 'mosquitto.conf'), `${conf.join('\n')}\n`, { mode: 0o644 });
    const server = await ThrowawayServer.start('mosquitto', ['-c', path.join(dir, 'mosquitto.conf')], port);
    authServer = { server, dir, url: `mqtt://127.0.0.1:${port}` };
  }
  return authServer.url;
}

export const mqttHarness: BrokerContractHarness = {
  createClient: () => testClient(),
  newTarget: testTopic,
  // No sessionId: the one derived from the topic is what a client that did not declare it consumes with.
  declareOptions: () => ({ kind: 'mqtt' }),
  dropConnection: dropConnections,
  createUnreachableClient: () => testClient({ url: 'mqtt://127.0.0.1:1', acquireTimeoutMs: 1000 }, false),
  createClientWithWrongCredentials: async () =>
    testClient(
      {
        url: await authMosquittoUrl(),
        username: 'understudy',
        password: 'not-the-password',
        acquireTimeoutMs: 1000,
      },
      false,
    ),
  restartServer: () => restartMosquitto(3000),
  maxBacklog: MOSQUITTO_QUEUE_LIMIT - 200,
  teardown: async () => {
    if (authServer) {
      await authServer.server.stop();
      await rm(authServer.dir, { recursive: true, force: true });
      authServer = undefined;
    }
    await proxies.closeAll();
    await startMosquitto();
  },
};
