import { describe, expect, it } from 'vitest';
import { describeFailure } from './proxy-failure.js';

const ctx = { service: 'pay', method: 'GET', target: 'http://up:1/x', timeoutMs: 250 };
const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('describeFailure', () => {
  it('reads the innermost code of what reply-from wrapped', () => {
    const wrapped = new Error('Gateway Timeout', { cause: coded('UND_ERR_HEADERS_TIMEOUT') });
    const failure = describeFailure(Object.assign(wrapped, { code: 'FST_REPLY_FROM_GATEWAY_TIMEOUT' }), ctx);
    expect(failure).toMatchObject({ status: 504, code: 'UPSTREAM_TIMEOUT' });
    expect(failure.message).toBe(
      'Service "pay" could not forward GET to http://up:1/x: the upstream sent no response within 250 ms',
    );
  });

  it('maps refused connections, resets and SSRF refusals to 502', () => {
    expect(describeFailure(coded('ECONNREFUSED'), ctx)).toMatchObject({
      status: 502,
      code: 'UPSTREAM_UNREACHABLE',
    });
    expect(describeFailure(coded('UND_ERR_SOCKET'), ctx).message).toMatch(/closed the connection/);
    const refused = describeFailure(
      new Error('x', { cause: coded('UPSTREAM_FORBIDDEN', 'is loopback') }),
      ctx,
    );
    expect(refused).toMatchObject({ status: 502, code: 'UPSTREAM_FORBIDDEN' });
    expect(refused.message).toMatch(/is refused: is loopback$/);
  });

  it('still says what happened for an error it does not know', () => {
    expect(describeFailure(new Error('odd'), ctx).message).toMatch(/the upstream failed: odd$/);
  });
});
