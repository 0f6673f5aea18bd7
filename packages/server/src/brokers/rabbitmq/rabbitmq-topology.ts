import type { Channel } from 'rabbitmq-client';
import type { DeclareOptions, RabbitmqDeclareOptions } from '../../core/ports/broker-client.js';
import { ValidationError } from '../../core/errors.js';

/** What declaring needs; a Channel has it, and so does a Connection (on its own lazy channel). */
export type QueueOperations = Pick<Channel, 'queueDeclare' | 'queueBind'>;

/** AMQP shortstr limit; longer names would be truncated by the codec rather than refused. */
const MAX_QUEUE_NAME_BYTES = 255;

/**
 * Checks what the broker cannot check for us. An empty name would make RabbitMQ invent a server-named
 * queue, which a queue mock can never find again, so it is refused here.
 */
export function checkDeclaration(target: string, options: DeclareOptions): RabbitmqDeclareOptions {
  if (options.kind !== 'rabbitmq') {
    throw new ValidationError(`a rabbitmq broker cannot declare ${options.kind} options`, [
      { path: '/kind', message: `expected rabbitmq, got ${options.kind}` },
    ]);
  }
  checkQueueName(target);
  if (options.queueType === 'quorum' && options.durable === false) {
    throw new ValidationError('quorum queues are always durable', [
      { path: '/durable', message: 'must not be false for a quorum queue' },
    ]);
  }
  return options;
}

export function checkQueueName(target: string): void {
  if (target === '' || Buffer.byteLength(target) > MAX_QUEUE_NAME_BYTES) {
    throw new ValidationError('a queue name must be 1 to 255 bytes long', [
      { path: '/queue', message: `got ${Buffer.byteLength(target)} bytes` },
    ]);
  }
}

/**
 * Declares `target` as remembered. Without a remembered declaration, or with `create: false`, the
 * declare is passive: we only check the queue exists, so a queue someone deleted on purpose is not
 * quietly brought back by our reconnect.
 */
export async function declareQueue(
  ops: QueueOperations,
  target: string,
  options: RabbitmqDeclareOptions | undefined,
): Promise<void> {
  if (options?.create) {
    const quorum = options.queueType === 'quorum';
    await ops.queueDeclare({
      queue: target,
      durable: quorum || (options.durable ?? true),
      ...(quorum ? { arguments: { 'x-queue-type': 'quorum' } } : {}),
    });
  } else {
    await ops.queueDeclare({ queue: target, passive: true });
  }
  for (const binding of options?.bindings ?? []) {
    await ops.queueBind({ queue: target, exchange: binding.exchange, routingKey: binding.routingKey });
  }
}
