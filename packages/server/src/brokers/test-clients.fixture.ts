import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrokerClient } from '../core/ports/broker-client.js';
import { stopServerOn } from './broker-process.fixture.js';
import { TcpFaultProxy } from './tcp-fault-proxy.fixture.js';

/**
 * What the NATS, MQTT and Redis test clients share: short delays (a test should not wait 30 s for a
 * reconnect), and a wait for (re)connections long enough for a loaded machine.
 */
export const TEST_CLIENT_TIMING = { retryLowMs: 100, retryHighMs: 1000, acquireTimeoutMs: 15_000 } as const;

/** A prefix for every name one test run makes (subjects, topics, keys, client names): runs never collide. */
export function newRunPrefix(): string {
  return `understudy-test-${randomBytes(4).toString('hex')}`;
}

/**
 * One TCP fault proxy per test client, so a test can cut exactly that client's connections (NATS has
 * no admin command for it without a system account; Mosquitto cannot kick a single client).
 */
export class ClientProxies {
  readonly #byClient = new Map<BrokerClient, TcpFaultProxy>();

  constructor(private readonly brokerName: string) {}

  /** A client made by `make` with a URL (`scheme://127.0.0.1:<proxy>`) that leads through its own proxy. */
  create<C extends BrokerClient>(
    target: { host: string; port: number },
    scheme: string,
    make: (url: string) => C,
  ): C {
    const proxy = new TcpFaultProxy(target.host, target.port);
    const client = make(`${scheme}://127.0.0.1:${proxy.port}`);
    this.#byClient.set(client, proxy);
    return client;
  }

  /** Cuts every connection of the client; right after connecting the proxy may not have relayed yet. */
  async drop(client: BrokerClient): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      if ((this.#byClient.get(client)?.dropAll() ?? 0) > 0) return;
      await sleep(50);
    }
    throw new Error(`no ${this.brokerName} connection of this client to drop`);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#byClient.values()].map((p) => p.close()));
    this.#byClient.clear();
  }
}

/** Stops the server listening on `port`, then starts it again with `start` after `downMs`, whatever happens. */
export async function restartServerOn(
  port: number,
  downMs: number,
  start: () => Promise<void>,
): Promise<void> {
  await stopServerOn(port);
  try {
    await sleep(downMs);
  } finally {
    await start();
  }
}
