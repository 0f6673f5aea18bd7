import { DEFAULTS, type Config } from '../config/config.js';
import { tempSqliteUrl } from './temp-sqlite.js';

/**
 * A config for tests: SQLite in a fresh temp folder (unless `db` is given), any free ports, quiet
 * logs, and a login rate limit high enough for tests that sign in often.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...DEFAULTS,
    db: overrides.db ?? tempSqliteUrl().url,
    port: 0,
    mockPort: 0,
    logLevel: 'warn',
    loginRateLimit: { max: 1000, windowMs: 60_000 },
    // Test files run in parallel; each app gets its own range of sandbox uids.
    pythonUidBase: 62_000 + 64 * Math.floor(Math.random() * 400),
    ...overrides,
  };
}
