import { describe, expect, it } from 'vitest';
import { ScryptPasswordHasher, createPasswordHasher } from './password-hashers.js';

describe('password hashers', () => {
  it('hashes with argon2id here and verifies only the right password', async () => {
    const { hasher, algorithm } = await createPasswordHasher();
    expect(algorithm).toBe('argon2id');
    const hash = await hasher.hash('correct horse');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await hasher.verify(hash, 'correct horse')).toBe(true);
    expect(await hasher.verify(hash, 'wrong horse')).toBe(false);
  });

  it('falls back to scrypt hashes that the argon2 hasher still verifies', async () => {
    const hash = await new ScryptPasswordHasher().hash('s3cret-pass');
    const { hasher } = await createPasswordHasher();
    expect(await hasher.verify(hash, 's3cret-pass')).toBe(true);
    expect(await hasher.verify(hash, 'other')).toBe(false);
  }, 30_000); // three scrypt runs: seconds on a loaded machine

  it('treats a garbage hash as a failed verification', async () => {
    const { hasher } = await createPasswordHasher();
    expect(await hasher.verify('not-a-hash', 'x')).toBe(false);
  });
});
