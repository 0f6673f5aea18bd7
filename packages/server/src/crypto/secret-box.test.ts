import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.js';
import { SecretUnreadableError } from '../core/ports/secret-box.js';
import { AesGcmSecretBox } from './secret-box.js';
import { loadSecretKey, parseSecretKey, secretKeyPath } from './secret-key.js';

describe('AesGcmSecretBox', () => {
  const box = new AesGcmSecretBox(randomBytes(32));

  it('opens what it sealed, and never shows the plaintext in the sealed form', () => {
    const sealed = box.seal('gu€st-password', 'broker:local');
    expect(sealed).not.toContain('password');
    expect(box.open(sealed, 'broker:local')).toBe('gu€st-password');
  });

  it('seals the same secret differently every time (random IV)', () => {
    expect(box.seal('p', 'c')).not.toBe(box.seal('p', 'c'));
  });

  it('refuses a value moved to another context, or altered', () => {
    const sealed = box.seal('p', 'broker:a');
    expect(() => box.open(sealed, 'broker:b')).toThrow(SecretUnreadableError);
    const parts = sealed.split('.');
    const tag = parts[3] ?? '';
    parts[3] = (tag.startsWith('A') ? 'B' : 'A') + tag.slice(1);
    const altered = parts.join('.');
    expect(() => box.open(altered, 'broker:a')).toThrow(/integrity/);
  });

  it('says so when the value was sealed with another key', () => {
    const other = new AesGcmSecretBox(randomBytes(32)).seal('p', 'c');
    expect(() => box.open(other, 'c')).toThrow(/another secret key/);
  });
});

describe('secret keys', () => {
  it('parse from hex or base64, refusing anything else', () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretKey('too-short')).toBeNull();
  });

  it('live beside the SQLite file, in ./data for PostgreSQL, nowhere for an in-memory database', () => {
    expect(secretKeyPath('sqlite:/tmp/x/understudy.db')).toBe('/tmp/x/secret.key');
    expect(secretKeyPath('postgres://h/db')).toBe(path.resolve('data/secret.key'));
    expect(secretKeyPath('sqlite::memory:')).toBeNull();
  });

  it('are generated once into a file readable only by us, then read back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'understudy-key-'));
    const db = `sqlite:${dir}/u.db`;
    const first = loadSecretKey(null, db);
    expect(first.source).toBe('generated');
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    const second = loadSecretKey(null, db);
    expect(second).toMatchObject({ source: 'file' });
    expect(second.key).toEqual(first.key);
    fs.rmSync(dir, { recursive: true });
  });

  it('prefer the configured key', () => {
    const key = randomBytes(32);
    expect(loadSecretKey(key.toString('hex'), 'sqlite::memory:')).toEqual({
      key,
      source: 'configured',
      file: null,
    });
  });
});

describe('--secret-key', () => {
  it('is taken from the flag or UNDERSTUDY_SECRET_KEY, and refused without echoing it when malformed', () => {
    const hex = randomBytes(32).toString('hex');
    expect(loadConfig([], { UNDERSTUDY_SECRET_KEY: hex })).toMatchObject({ secretKey: hex });
    expect(loadConfig(['--secret-key', hex], {})).toMatchObject({ secretKey: hex });
    expect(loadConfig([], {})).toMatchObject({ secretKey: null });
    expect(() => loadConfig(['--secret-key', 'hunter2'], {})).toThrow(ConfigError);
    expect(() => loadConfig(['--secret-key', 'hunter2'], {})).not.toThrow(/hunter2/);
  });
});
