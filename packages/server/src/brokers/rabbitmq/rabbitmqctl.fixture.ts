import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

/**
 * Server-side fault injection for the integration tests, through `rabbitmqctl` (run as root here).
 * Only our own connections are touched (found by connection name), because other engineers' test
 * runs share this broker.
 */
const run = promisify(execFile);

async function connectionPids(connectionName: string): Promise<string[]> {
  const { stdout } = await run('rabbitmqctl', [
    'list_connections',
    'pid',
    'client_properties',
    '--quiet',
    '--no-table-headers',
  ]);
  const marker = `{"connection_name","${connectionName}"}`;
  return stdout
    .split('\n')
    .filter((line) => line.includes(marker))
    .map((line) => line.split('\t')[0] ?? '')
    .filter((pid) => pid !== '');
}

/** Closes every connection with this client-provided name, the way an operator or a network fault would. */
export async function closeConnectionsNamed(
  connectionName: string,
  reason = 'understudy fault test',
): Promise<number> {
  // The broker lists a connection a moment after the handshake; give it a few tries.
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const pids = await connectionPids(connectionName);
    if (pids.length > 0) {
      for (const pid of pids) await run('rabbitmqctl', ['close_connection', pid, reason]);
      return pids.length;
    }
    await sleep(100);
  }
  throw new Error(`no RabbitMQ connection named ${connectionName} to close`);
}

/**
 * Stops the RabbitMQ application (not the Erlang node) and starts it again after `downMs`. It always
 * tries to start it again, even if the wait is interrupted, so a failing test cannot leave it down.
 */
export async function restartRabbitmqApp(downMs: number): Promise<void> {
  await run('rabbitmqctl', ['stop_app']);
  try {
    await sleep(downMs);
  } finally {
    await run('rabbitmqctl', ['start_app']);
    await run('rabbitmqctl', ['await_startup']);
  }
}

/**
 * Waits until a queue has no consumer and no unacknowledged message: everything a closed reader held
 * is back in the queue (the broker requeues it asynchronously after the reader's channel closes).
 */
export async function awaitQueueSettled(queue: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { stdout } = await run('rabbitmqctl', [
      'list_queues',
      'name',
      'consumers',
      'messages_unacknowledged',
      '--quiet',
      '--no-table-headers',
    ]);
    const row = stdout.split('\n').find((line) => line.split('\t')[0] === queue);
    if (row?.split('\t').slice(1).join(',') === '0,0') return;
    if (Date.now() > deadline) throw new Error(`queue ${queue} did not settle: ${row ?? 'not listed'}`);
    await sleep(200);
  }
}
