import { describe, expect, it } from 'vitest';
import { autoReplyValue, toAutoReply } from './auto-reply-form';

describe('auto-reply form', () => {
  it('round-trips a Python auto-reply, leaving the time limit out when empty', () => {
    const saved = {
      kind: 'python' as const,
      code: 'def handler(body, headers):\n    return body',
      timeoutMs: 500,
    };
    const value = autoReplyValue(saved);
    expect(value).toMatchObject({ enabled: true, kind: 'python', code: saved.code, timeoutMs: 500 });
    expect(toAutoReply(value)).toEqual({ ok: true, autoReply: saved });
    expect(toAutoReply({ ...value, timeoutMs: '' })).toEqual({
      ok: true,
      autoReply: { kind: 'python', code: saved.code },
    });
  });

  it('round-trips a static auto-reply and says why a body cannot be sent', () => {
    const saved = { kind: 'static' as const, body: { ok: true }, bodyEncoding: 'json' as const };
    const value = autoReplyValue(saved);
    expect(toAutoReply(value)).toEqual({ ok: true, autoReply: saved });
    const broken = toAutoReply({ ...value, body: '{nope' });
    expect(broken.ok).toBe(false);
    expect(broken.ok ? undefined : broken.bodyError).toMatch(/Not valid JSON/);
  });

  it('starts a new Python auto-reply from the example, refuses empty code, and is null when off', () => {
    const off = autoReplyValue(null);
    expect(off.code).toMatch(/^def handler\(body, headers\):/);
    expect(toAutoReply(off)).toEqual({ ok: true, autoReply: null });
    expect(toAutoReply({ ...off, enabled: true, kind: 'python', code: '  ' })).toEqual({
      ok: false,
      codeError: 'Enter the handler code',
    });
  });
});
