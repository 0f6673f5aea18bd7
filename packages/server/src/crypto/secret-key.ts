import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Where the generated key lives: beside the SQLite file, or in ./data for PostgreSQL; none in memory. */
export function secretKeyPath(dbUrl: string): string | null {
  if (!dbUrl.startsWith('sqlite:')) return path.resolve('data', 'secret.key');
  const file = dbUrl.slice('sqlite:'.length);
  if (file === '' || file === ':memory:') return null;
  return path.join(path.dirname(path.resolve(file)), 'secret.key');
}

/** 64 hex digits or base64 of 32 bytes; anything else is not a key. */
export function parseSecretKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed, trimmed.includes('-') || trimmed.includes('_') ? 'base64url' : 'base64');
  return bytes.length === 32 ? bytes : null;
}

export interface SecretKeyOutcome {
  key: Buffer;
  /** What happened, for one log line at start. */
  source: 'configured' | 'file' | 'generated' | 'ephemeral';
  file: string | null;
}

/**
 * The key that encrypts broker passwords: the configured one, else the key file, else a new key written
 * to the file (readable by this user only). An in-memory database gets a key that dies with it.
 */
export function loadSecretKey(configured: string | null, dbUrl: string): SecretKeyOutcome {
  if (configured !== null) {
    const key = parseSecretKey(configured);
    if (!key) throw new Error('the secret key must be 64 hex digits or base64 of 32 bytes');
    return { key, source: 'configured', file: null };
  }
  const file = secretKeyPath(dbUrl);
  if (file === null) return { key: randomBytes(32), source: 'ephemeral', file };
  if (fs.existsSync(file)) {
    const key = parseSecretKey(fs.readFileSync(file, 'utf8'));
    if (!key) throw new Error(`${file} does not hold a secret key (64 hex digits); restore it or remove it`);
    return { key, source: 'file', file };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  try {
    // 'wx': if another node or process wrote it first, use theirs rather than overwrite it.
    fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return loadSecretKey(null, dbUrl);
  }
  return { key, source: 'generated', file };
}
