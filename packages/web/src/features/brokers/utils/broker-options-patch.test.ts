import { describe, expect, it } from 'vitest';
import { optionsPatch } from './broker-options-patch';

describe('optionsPatch', () => {
  it('sends null for an option that was stored and is now cleared', () => {
    expect(optionsPatch('rabbitmq', { prefetch: 10, retryLowMs: 100 }, { retryLowMs: 100 })).toEqual({
      prefetch: null,
      retryLowMs: 100,
    });
  });

  it('sends the values the form holds, and nothing for options never set', () => {
    expect(optionsPatch('rabbitmq', {}, { maxInFlight: 50 })).toEqual({ maxInFlight: 50 });
    expect(optionsPatch('rabbitmq', {}, {})).toEqual({});
  });

  it('leaves alone options the kind does not show', () => {
    // Redis has no heartbeat field, so a stored one is neither sent nor removed.
    expect(optionsPatch('redis', { heartbeatSeconds: 5 }, { heartbeatSeconds: 5, prefetch: 3 })).toEqual({
      prefetch: 3,
    });
  });
});
