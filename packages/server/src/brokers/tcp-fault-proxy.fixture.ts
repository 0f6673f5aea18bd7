import net, { type AddressInfo } from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * A TCP relay between one test client and its broker, so a test can cut *that* client's connections
 * the way a network fault does (a reset on both sides), on brokers with no admin command to kick a
 * single connection (NATS without a system account, Mosquitto). New connections go through again, so
 * the client's own reconnect is what gets tested.
 */
export class TcpFaultProxy {
  readonly port: number;
  readonly #server: net.Server;
  readonly #target: { host: string; port: number };
  readonly #links = new Set<readonly [net.Socket, net.Socket]>();

  constructor(targetHost: string, targetPort: number) {
    this.#target = { host: targetHost, port: targetPort };
    this.#server = net.createServer((client) => this.#relay(client));
    // Without a host, Node binds synchronously, so the port is known before the client is built; the
    // wildcard address is why connections from anywhere but loopback are refused in #relay.
    this.#server.listen(0);
    this.#server.unref();
    this.port = (this.#server.address() as AddressInfo).port;
  }

  /** How many connections are relayed right now. */
  get connections(): number {
    return this.#links.size;
  }

  /** Resets every relayed connection on both sides; returns how many there were. */
  dropAll(): number {
    const links = [...this.#links];
    for (const [a, b] of links) {
      a.resetAndDestroy();
      b.resetAndDestroy();
    }
    this.#links.clear();
    return links.length;
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #relay(client: net.Socket): void {
    if (!LOOPBACK.has(client.remoteAddress ?? '')) {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.#target.port, this.#target.host);
    const link = [client, upstream] as const;
    this.#links.add(link);
    const cut = (): void => {
      this.#links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of link) {
      socket.on('error', cut);
      socket.on('close', cut);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
