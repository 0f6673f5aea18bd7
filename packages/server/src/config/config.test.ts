import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is given', () => {
    const config = loadConfig([], {});
    expect(config).toMatchObject({ port: 8080, mockPort: 8081, host: '127.0.0.1', db: DEFAULTS.db });
  });

  it('lets a flag win over the environment', () => {
    const config = loadConfig(['--port', '9000'], { UNDERSTUDY_PORT: '9100', UNDERSTUDY_MOCK_PORT: '0' });
    expect(config).toMatchObject({ port: 9000, mockPort: 0 });
  });

  it('selects PostgreSQL by URL', () => {
    expect(loadConfig(['--db', 'postgres://u@h/db'], {})).toMatchObject({ db: 'postgres://u@h/db' });
  });

  it('rejects a port out of range with a message naming the flag', () => {
    expect(() => loadConfig(['--port', '70000'], {})).toThrow(
      /--port must be a whole number from 0 to 65535/,
    );
  });

  it('rejects an unknown database scheme', () => {
    expect(() => loadConfig([], { UNDERSTUDY_DB: 'mongodb://x' })).toThrow(ConfigError);
  });

  it('rejects unknown flags with the usage text', () => {
    expect(() => loadConfig(['--nope'], {})).toThrow(/Usage: understudy/);
  });

  it('splits the proxy allow-list', () => {
    expect(loadConfig(['--proxy-allow', 'localhost, 10.0.0.0/8'], {}).valueOf()).toMatchObject({
      proxyAllow: ['localhost', '10.0.0.0/8'],
    });
  });

  it('answers help', () => {
    expect(loadConfig(['--help'], {})).toBe('help');
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig([], {}))).toBe(true);
  });
});
