import { DomainError } from '../errors.js';

export class ServiceNotFoundError extends DomainError {
  readonly code = 'SERVICE_NOT_FOUND';
  readonly status = 404;
  constructor(name: string) {
    super(`No service named "${name}"; create it with POST /internal/services`);
  }
}

export class ServiceExistsError extends DomainError {
  readonly code = 'SERVICE_EXISTS';
  readonly status = 409;
  constructor(name: string) {
    super(`A service named "${name}" exists already; choose another name`, [
      { path: '/body/name', message: 'is taken' },
    ]);
  }
}

export class ClaimTakenError extends DomainError {
  readonly code = 'CLAIM_TAKEN';
  readonly status = 409;
  constructor(path: string, what: string, owner: string) {
    super(`${what} is already claimed by service "${owner}" on the mock port`, [
      { path, message: 'is taken' },
    ]);
  }
}

export class StubNotFoundError extends DomainError {
  readonly code = 'STUB_NOT_FOUND';
  readonly status = 404;
  constructor(service: string, id: string) {
    super(`Service "${service}" has no stub with id "${id}"`);
  }
}

/** A stub document that does not compile; every detail points into the request body. */
export class StubInvalidError extends DomainError {
  readonly code = 'STUB_INVALID';
  readonly status = 400;
}
