import { DomainError } from '../errors.js';

/** The same answer for an unknown user, a wrong password and a disabled account (DESIGN §6). */
export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS';
  readonly status = 401;
  constructor() {
    super('Wrong username or password');
  }
}

export class RegistrationClosedError extends DomainError {
  readonly code = 'REGISTRATION_CLOSED';
  readonly status = 403;
  constructor() {
    super('Registration is closed on this server; ask an administrator to create your account');
  }
}

export class UsernameTakenError extends DomainError {
  readonly code = 'USERNAME_TAKEN';
  readonly status = 409;
  constructor(username: string) {
    super(`The username "${username}" is taken; choose another`, [
      { path: '/body/username', message: 'is taken' },
    ]);
  }
}

export class LastAdminError extends DomainError {
  readonly code = 'LAST_ADMIN';
  readonly status = 409;
  constructor() {
    super('This is the last active administrator; make someone else admin first');
  }
}
