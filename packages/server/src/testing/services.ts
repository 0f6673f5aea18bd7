import net from 'node:net';

/** The real services the integration tests talk to, on this machine's loopback. */
export const SERVICES = {
  postgres: { host: '127.0.0.1', port: 5432, url: 'postgres://postgres@127.0.0.1:5432/postgres' },
  rabbitmq: { host: '127.0.0.1', port: 5672, url: 'amqp://guest:guest@127.0.0.1:5672' },
  nats: { host: '127.0.0.1', port: 4222, url: 'nats://127.0.0.1:4222' },
  mqtt: { host: '127.0.0.1', port: 1883, url: 'mqtt://127.0.0.1:1883' },
  redis: { host: '127.0.0.1', port: 6379, url: 'redis://127.0.0.1:6379' },
} as const;
export type ServiceName = keyof typeof SERVICES;

function reachable(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Whether an integration suite may run. On a laptop without the service the suite is skipped with a
 * loud message; in CI (CI=true) a missing service is a failure, never a skip.
 * Use: `const up = await serviceAvailable('postgres'); describe.skipIf(!up)(...)`.
 */
export async function serviceAvailable(name: ServiceName): Promise<boolean> {
  const { host, port } = SERVICES[name];
  if (await reachable(host, port)) return true;
  const message = `${name} is not reachable on ${host}:${port}`;
  if (process.env.CI === 'true') throw new Error(`${message}; CI requires it (see .ci/run)`);
  console.warn(`\n!!! SKIPPING ${name} integration tests: ${message}. Start it (see .ci/run) to run them.\n`);
  return false;
}
