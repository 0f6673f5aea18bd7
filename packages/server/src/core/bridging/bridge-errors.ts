import { DomainError, type ErrorDetail } from '../errors.js';

export class BridgeNotFoundError extends DomainError {
  readonly code = 'BRIDGE_NOT_FOUND';
  readonly status = 404;
  constructor(id: string) {
    super(`No bridge with id "${id}"`);
  }
}

export class BridgeExistsError extends DomainError {
  readonly code = 'BRIDGE_EXISTS';
  readonly status = 409;
  constructor(name: string) {
    super(`A bridge named "${name}" exists already; choose another name`, [
      { path: '/body/name', message: 'is taken' },
    ]);
  }
}

/** A bridge that cannot work as described: both OUT targets, an exchange on a non-RabbitMQ broker, … */
export class BridgeInvalidError extends DomainError {
  readonly code = 'BRIDGE_INVALID';
  readonly status = 400;
  constructor(details: ErrorDetail[]) {
    const first = details[0];
    super(first ? `Invalid bridge: ${first.path} ${first.message}` : 'Invalid bridge', details);
  }
}

export class DeadLetterNotFoundError extends DomainError {
  readonly code = 'DEAD_LETTER_NOT_FOUND';
  readonly status = 404;
  constructor(bridgeId: string, id: number) {
    super(`Bridge ${bridgeId} keeps no dead letter ${id} (replayed or discarded?)`);
  }
}
