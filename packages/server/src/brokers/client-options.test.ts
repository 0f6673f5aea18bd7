import { describe, expect, it } from 'vitest';
import { withDefaults, type BrokerClientBaseOptions } from './client-options.js';

interface KindOptions extends BrokerClientBaseOptions {
  blockMs?: number;
}

describe('withDefaults', () => {
  it('fills in the shared defaults and the kind’s own, keeping what the caller gave', () => {
    const options: KindOptions = { url: 'redis://h', name: 'node-1', retryLowMs: 50 };
    expect(withDefaults(options, { blockMs: 2000 })).toEqual({
      url: 'redis://h',
      name: 'node-1',
      nodeId: 'node-1',
      retryLowMs: 50,
      retryHighMs: 30_000,
      connectTimeoutMs: 10_000,
      acquireTimeoutMs: 10_000,
      heartbeatSeconds: 30,
      maxInFlight: 1000,
      blockMs: 2000,
    });
  });

  it('lets the caller override a kind default, and leaves credentials as given', () => {
    const resolved = withDefaults<KindOptions>(
      { url: 'redis://h', name: 'n', blockMs: 10, username: 'u', password: null },
      { blockMs: 2000 },
    );
    expect(resolved).toMatchObject({ blockMs: 10, username: 'u', password: null });
  });

  it('takes the node id apart from the name when given', () => {
    expect(
      withDefaults<KindOptions>({ url: 'redis://h', name: 'n', nodeId: 'a1' }, { blockMs: 1 }),
    ).toMatchObject({ name: 'n', nodeId: 'a1' });
  });
});
