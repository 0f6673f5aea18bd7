import { DomainError } from '../errors.js';

export class BrokerNotFoundError extends DomainError {
  readonly code = 'BROKER_NOT_FOUND';
  readonly status = 404;
  constructor(name: string, pointer?: string) {
    super(
      `No broker named "${name}"; register it with POST /internal/brokers`,
      pointer ? [{ path: pointer, message: 'is not a registered broker' }] : [],
    );
  }
}

export class BrokerExistsError extends DomainError {
  readonly code = 'BROKER_EXISTS';
  readonly status = 409;
  constructor(name: string) {
    super(`A broker named "${name}" exists already; choose another name`, [
      { path: '/body/name', message: 'is taken' },
    ]);
  }
}

/** A broker cannot go while queue mocks read from it: they would silently stop. */
export class BrokerInUseError extends DomainError {
  readonly code = 'BROKER_IN_USE';
  readonly status = 409;
  constructor(name: string, mocks: ReadonlyArray<{ id: string; queue: string }>) {
    const list = mocks.map((m) => `"${m.queue}" (${m.id})`).join(', ');
    super(
      `Broker "${name}" is still used by ${mocks.length} queue mock(s): ${list || '(just created)'}; ` +
        'delete them first',
      mocks.map((m) => ({ path: `/queues/${m.id}`, message: `reads queue "${m.queue}"` })),
    );
  }
}

export class BrokerKindUnsupportedError extends DomainError {
  readonly code = 'BROKER_KIND_UNSUPPORTED';
  readonly status = 400;
  constructor(kind: string, supported: readonly string[]) {
    super(`This server has no ${kind} adapter yet; supported kinds: ${supported.join(', ')}`, [
      { path: '/body/kind', message: `is not supported by this build` },
    ]);
  }
}

export class QueueMockNotFoundError extends DomainError {
  readonly code = 'QUEUE_MOCK_NOT_FOUND';
  readonly status = 404;
  constructor(id: string) {
    super(`No queue mock with id "${id}"`);
  }
}

/** Two queue mocks on one queue would compete for its messages, each keeping only some. */
export class QueueMockExistsError extends DomainError {
  readonly code = 'QUEUE_MOCK_EXISTS';
  readonly status = 409;
  constructor(broker: string, queue: string, id: string) {
    super(`Queue "${queue}" on broker "${broker}" is already mocked by queue mock ${id}`, [
      { path: '/body/queue', message: `is already mocked (${id})` },
    ]);
  }
}
