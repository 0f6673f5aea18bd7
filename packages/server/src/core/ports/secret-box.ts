import { DomainError } from '../errors.js';

/**
 * Encrypts small secrets (broker passwords) for storage (DESIGN §6). `context` names what the secret
 * belongs to (e.g. `broker:local`) and is authenticated with it, so a sealed value copied onto another
 * row does not open there.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** Throws SecretUnreadableError when the value was sealed with another key, or was altered. */
  open(sealed: string, context: string): string;
}

/** A stored secret cannot be decrypted: the server's secret key changed, or the value was altered. */
export class SecretUnreadableError extends DomainError {
  readonly code = 'SECRET_UNREADABLE';
  readonly status = 500;
}
