import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, defaultNodeId, loadConfig } from './config.js';

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

  it('derives a stable node id from the hostname and the main port when none is given', () => {
    const expected = createHash('sha256').update(`${hostname()}:8080`).digest('hex').slice(0, 12);
    expect(loadConfig([], {})).toMatchObject({ nodeId: expected });
    expect(defaultNodeId('host-a', 8080)).not.toBe(defaultNodeId('host-a', 8090));
    expect(defaultNodeId('host-a', 8080)).not.toBe(defaultNodeId('host-b', 8080));
  });

  it('has no stable node id for a port picked per run (a random one is used then)', () => {
    expect(loadConfig(['--port', '0'], {})).toMatchObject({ nodeId: null });
  });

  it('takes the node id from the flag or UNDERSTUDY_NODE_ID, the flag winning', () => {
    expect(loadConfig([], { UNDERSTUDY_NODE_ID: 'node_b-2' })).toMatchObject({ nodeId: 'node_b-2' });
    expect(loadConfig(['--node-id', 'A1'], { UNDERSTUDY_NODE_ID: 'B2' })).toMatchObject({ nodeId: 'A1' });
    expect(loadConfig(['--node-id', 'x'.repeat(64)], {})).toMatchObject({ nodeId: 'x'.repeat(64) });
  });

  it('refuses a node id that brokers could not carry in their names, saying what is allowed', () => {
    for (const bad of ['a.b', 'a/b', 'a b', 'ü', 'x'.repeat(65)]) {
      expect(() => loadConfig(['--node-id', bad], {})).toThrow(ConfigError);
    }
    expect(() => loadConfig([], { UNDERSTUDY_NODE_ID: 'a/b' })).toThrow(
      /--node-id must be 1 to 64 letters, digits, _ or -.*got "a\/b"/,
    );
  });
});
