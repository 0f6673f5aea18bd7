import { randomBytes } from 'node:crypto';
import type { BrokerClient } from '../../core/ports/broker-client.js';
import { SERVICES } from '../../testing/services.js';
import type { BrokerContractHarness } from '../broker-contract.fixture.js';
import { RabbitmqBrokerClient } from './rabbitmq-broker-client.js';
import type { RabbitmqClientOptions } from './rabbitmq-options.js';
import { closeConnectionsNamed, restartRabbitmqApp } from './rabbitmqctl.fixture.js';

/** Every queue and connection of one test run shares this prefix, so runs in parallel never collide. */
export const RUN_PREFIX = `understudy-test-${randomBytes(4).toString('hex')}`;
let counter = 0;
const connectionNames = new WeakMap<BrokerClient, string>();

/** A client with short retry delays (tests should not wait 30 s for a reconnect) and a findable name. */
export function testClient(overrides: Partial<RabbitmqClientOptions> = {}): RabbitmqBrokerClient {
  const connectionName = `${RUN_PREFIX}-conn${(counter += 1)}`;
  const client = new RabbitmqBrokerClient({
    url: SERVICES.rabbitmq.url,
    connectionName,
    retryLowMs: 100,
    retryHighMs: 1000,
    acquireTimeoutMs: 15_000,
    ...overrides,
  });
  connectionNames.set(client, connectionName);
  return client;
}

export function testQueueName(): string {
  return `${RUN_PREFIX}-q${(counter += 1)}`;
}

export function connectionNameOf(client: BrokerClient): string {
  const name = connectionNames.get(client);
  if (!name) throw new Error('not a test client');
  return name;
}

export const rabbitmqHarness: BrokerContractHarness = {
  createClient: () => testClient(),
  newTarget: testQueueName,
  declareOptions: () => ({ kind: 'rabbitmq', create: true, durable: true }),
  dropConnection: async (client) => void (await closeConnectionsNamed(connectionNameOf(client))),
  // Port 1 on loopback refuses at once: an unreachable broker without waiting for a TCP timeout.
  createUnreachableClient: () =>
    testClient({ url: 'amqp://guest:guest@127.0.0.1:1', acquireTimeoutMs: 1000 }),
  createClientWithWrongCredentials: () =>
    testClient({ url: 'amqp://guest:not-the-password@127.0.0.1:5672', acquireTimeoutMs: 1000 }),
  restartServer: () => restartRabbitmqApp(3000),
};
