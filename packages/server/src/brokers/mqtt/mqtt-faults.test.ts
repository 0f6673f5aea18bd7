import { describe, expect, it } from 'vitest';
import { disconnectFault, needsHuman } from './mqtt-faults.js';

describe('disconnectFault', () => {
  it('names a session taken over, says which client id, and waits for a human rather than retaking it', () => {
    const fault = disconnectFault(142, 'understudy-q1');
    expect(fault.code).toBe('SESSION_TAKEN_OVER');
    expect(fault.message).toContain('understudy-q1');
    expect(needsHuman(fault)).toBe(true);
  });

  it('keeps other reasons as a lost connection with the reason as code, retried as usual', () => {
    const fault = disconnectFault(139, 'understudy-q1');
    expect(fault).toMatchObject({
      code: 'SERVER_SHUTTING_DOWN',
      message: 'the connection to the broker closed',
    });
    expect(needsHuman(fault)).toBe(false);
  });
});
