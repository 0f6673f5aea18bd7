import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { PasswordHasher } from '../core/ports/index.js';

const scrypt = promisify(scryptCallback) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: object,
) => Promise<Buffer>;

// OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
// OWASP's scrypt minimum: N=2^17, r=8, p=1 (needs 128 MiB; maxmem raised to allow it).
const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };

/** scrypt from node:crypto, for machines where the argon2 binding cannot load. */
export class ScryptPasswordHasher implements PasswordHasher {
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scrypt(password, salt, 32, SCRYPT);
    return `$scrypt$N=${SCRYPT.N},r=${SCRYPT.r},p=${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  async verify(hash: string, password: string): Promise<boolean> {
    const match = /^\$scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([^$]+)\$([^$]+)$/.exec(hash);
    if (!match) return false;
    const [, n, r, p, salt, key] = match as unknown as [string, string, string, string, string, string];
    const expected = Buffer.from(key, 'base64');
    const options = { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem };
    const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, options);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}

type Argon2 = typeof import('@node-rs/argon2');

/** argon2id; verifies scrypt hashes too, so a store written by the fallback stays usable. */
export class Argon2PasswordHasher implements PasswordHasher {
  readonly #scrypt = new ScryptPasswordHasher();
  constructor(private readonly argon2: Argon2) {}

  hash(password: string): Promise<string> {
    return this.argon2.hash(password, { ...ARGON2, algorithm: 2 /* Argon2id */ });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    if (hash.startsWith('$scrypt$')) return this.#scrypt.verify(hash, password);
    try {
      return await this.argon2.verify(hash, password);
    } catch {
      return false; // an unreadable hash is a failed sign-in, not a server error
    }
  }
}

/** argon2id when its prebuilt binding loads on this platform, else scrypt. */
export async function createPasswordHasher(): Promise<{ hasher: PasswordHasher; algorithm: string }> {
  try {
    const argon2 = await import('@node-rs/argon2');
    return { hasher: new Argon2PasswordHasher(argon2), algorithm: 'argon2id' };
  } catch {
    return { hasher: new ScryptPasswordHasher(), algorithm: 'scrypt' };
  }
}
