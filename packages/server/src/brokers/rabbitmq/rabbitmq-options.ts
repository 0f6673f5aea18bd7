import type { ConsumeOptions, PublishOptions } from '../../core/ports/broker-client.js';
import { ValidationError } from '../../core/errors.js';
import { checkQueueName } from './rabbitmq-topology.js';

/** Taken as parameters from the composition root; nothing here reads the environment. */
export interface RabbitmqClientOptions {
  /** amqp:// or amqps:// URL with credentials and vhost. */
  url: string;
  /** Shown in the broker's management UI (and how fault tests find our connection). */
  connectionName: string;
  /** First reconnect/retry after about this long (jittered, doubling). Default 1 s. */
  retryLowMs?: number;
  /** Never more than this between attempts. Default 30 s. */
  retryHighMs?: number;
  /** One TCP + AMQP handshake attempt at most this long. Default 10 s. */
  connectionTimeoutMs?: number;
  /** How long declare, publish and consumer setup wait for a connection before giving up. Default 10 s. */
  acquireTimeoutMs?: number;
  heartbeatSeconds?: number;
  /** Publishes awaiting confirmation at most. Default 1000. */
  maxInFlight?: number;
  /** A publish with no confirm after this long is reported as unknown (503). Default 30 s. */
  confirmTimeoutMs?: number;
}

export function withDefaults(options: RabbitmqClientOptions): Required<RabbitmqClientOptions> {
  return {
    retryLowMs: 1000,
    retryHighMs: 30_000,
    connectionTimeoutMs: 10_000,
    acquireTimeoutMs: 10_000,
    heartbeatSeconds: 30,
    maxInFlight: 1000,
    confirmTimeoutMs: 30_000,
    ...options,
  };
}

/** AMQP's prefetch-count is a 16-bit field. */
const MAX_PREFETCH = 65_535;
const DEFAULT_MAX_WAIT_MS = 5;

/** `reader` is not read: a RabbitMQ reader is its queue. */
export function checkConsumeOptions(options: ConsumeOptions): Required<Omit<ConsumeOptions, 'reader'>> {
  const { prefetch } = options;
  if (!Number.isInteger(prefetch) || prefetch < 1 || prefetch > MAX_PREFETCH) {
    throw invalid('/prefetch', `must be an integer from 1 to ${MAX_PREFETCH}`);
  }
  const maxBatch = options.maxBatch ?? Math.max(1, Math.floor(prefetch / 2));
  if (!Number.isInteger(maxBatch) || maxBatch < 1 || maxBatch > prefetch) {
    throw invalid('/maxBatch', 'must be an integer from 1 to the prefetch');
  }
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  if (!Number.isFinite(maxWaitMs) || maxWaitMs < 0) throw invalid('/maxWaitMs', 'must be 0 or more');
  return { prefetch, maxBatch, maxWaitMs };
}

/** Without an exchange the target is a queue (default exchange); with one it is a routing key, maybe empty. */
export function checkPublishOptions(target: string, options: PublishOptions | undefined): void {
  if (options && options.kind !== 'rabbitmq')
    throw invalid('/kind', `expected rabbitmq, got ${options.kind}`);
  if (!options) checkQueueName(target);
  else if (Buffer.byteLength(target) > 255) throw invalid('/routingKey', 'must be at most 255 bytes');
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError(`invalid option ${path.slice(1)}: ${message}`, [{ path, message }]);
}
