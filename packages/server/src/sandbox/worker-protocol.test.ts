import { describe, expect, it } from 'vitest';
import { parseCallOutcome, parseLoadOutcome, parseVerdict } from './worker-protocol.js';

const OUTPUT = { stdout: 'out', stderr: '', retire: false };
const RESPONSE = { status: 201, headers: { 'x-a': '1' }, body: { type: 'json', value: { ok: true } } };

describe('worker replies', () => {
  it('accepts a well-formed handler response', () => {
    expect(parseCallOutcome({ ok: true, value: RESPONSE, ...OUTPUT }, 'handler')).toEqual({
      ok: true,
      value: RESPONSE,
      ...OUTPUT,
    });
  });

  it('accepts a failure with a known kind and a traceback', () => {
    const error = { kind: 'exception', message: 'KeyError', traceback: 'Traceback…' };
    expect(parseCallOutcome({ ok: false, error, ...OUTPUT, retire: true }, 'handler')).toMatchObject({
      ok: false,
      error,
      retire: true,
    });
  });

  it('rejects values a forged frame could smuggle to the HTTP layer', () => {
    const forged = [
      { ...RESPONSE, status: '200' },
      { ...RESPONSE, headers: { a: 1 } },
      { ...RESPONSE, body: { type: 'html', value: '<p>' } },
      { ...RESPONSE, body: { type: 'bytes' } },
    ];
    for (const value of forged)
      expect(parseCallOutcome({ ok: true, value, ...OUTPUT }, 'handler')).toBeUndefined();
    expect(
      parseCallOutcome({ ok: false, error: { kind: 'pwned', message: '' }, ...OUTPUT }, 'handler'),
    ).toBeUndefined();
    expect(parseCallOutcome({ ok: true, value: RESPONSE }, 'handler')).toBeUndefined();
  });

  it('checks mapper output message by message', () => {
    const message = { body: { type: 'text', value: 'x' }, headers: {} };
    expect(parseCallOutcome({ ok: true, value: { messages: [message] }, ...OUTPUT }, 'mapper')).toMatchObject(
      { ok: true },
    );
    expect(
      parseCallOutcome({ ok: true, value: { messages: [{ body: 'x' }] }, ...OUTPUT }, 'mapper'),
    ).toBeUndefined();
  });

  it('expects a load reply to carry the arity of the entrypoint', () => {
    expect(parseLoadOutcome({ ok: true, value: { arity: 3 }, ...OUTPUT })).toMatchObject({
      ok: true,
      value: { arity: 3 },
    });
    expect(parseLoadOutcome({ ok: true, value: null, ...OUTPUT })).toBeUndefined();
    expect(parseLoadOutcome({ ok: true, value: { arity: 7 }, ...OUTPUT })).toBeUndefined();
  });

  it('reads validation verdicts, with a position only when both line and column are known', () => {
    expect(parseVerdict({ ok: true })).toEqual({ ok: true });
    expect(parseVerdict({ ok: false, problem: 'invalid syntax', line: 3, column: 5 })).toEqual({
      ok: false,
      problem: 'invalid syntax',
      line: 3,
      column: 5,
    });
    expect(parseVerdict({ ok: false, problem: 'no def', line: null, column: null })).toEqual({
      ok: false,
      problem: 'no def',
    });
    expect(parseVerdict({ ok: false })).toBeUndefined();
  });
});
