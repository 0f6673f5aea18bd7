import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { SecretUnreadableError, type SecretBox } from '../core/ports/secret-box.js';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12; // the size GCM is specified for; any other is hashed into one
const VERSION = 'v1';

/** A short, public fingerprint of the key, so a value sealed with another key is told apart from tampering. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * AES-256-GCM (node:crypto): a fresh random IV per value, the context as additional authenticated data.
 * Sealed form: `v1.<key id>.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export class AesGcmSecretBox implements SecretBox {
  readonly #key: Buffer;
  readonly #keyId: string;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new RangeError(`an AES-256 key has 32 bytes, got ${key.length}`);
    this.#key = key;
    this.#keyId = keyId(key);
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
    return [VERSION, this.#keyId, ...parts].join('.');
  }

  open(sealed: string, context: string): string {
    const [version, id, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new SecretUnreadableError('The stored secret is not in a form this server knows');
    }
    if (id !== this.#keyId) {
      throw new SecretUnreadableError(
        "The stored secret was encrypted with another secret key than this server's " +
          '(UNDERSTUDY_SECRET_KEY or the secret.key file changed); enter it again',
      );
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, this.#key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretUnreadableError(
        'The stored secret fails its integrity check (altered or moved); enter it again',
      );
    }
  }
}
