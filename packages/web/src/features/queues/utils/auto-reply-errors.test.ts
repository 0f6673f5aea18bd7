import { describe, expect, it } from 'vitest';
import { autoReplyErrors, sentCode } from './auto-reply-errors';

const details = [
  { path: '/body/autoReply/code', message: 'line 2, column 5: invalid syntax' },
  { path: '/body/autoReply/headers/x-a', message: 'bad header' },
];

describe('autoReplyErrors', () => {
  it("shows the server's code error while the code is what was sent, and drops it once edited", () => {
    const sent = 'def handler(body, headers)\n    return 1';
    expect(autoReplyErrors(details, {}, { current: sent, sent }).code).toMatch(/^line 2/);
    expect(autoReplyErrors(details, {}, { current: `${sent}\n`, sent }).code).toBeUndefined();
  });

  it("prefers the form's own findings and places header errors by name", () => {
    const errors = autoReplyErrors(details, { code: 'Enter the handler code' }, { current: '', sent: '' });
    expect(errors.code).toBe('Enter the handler code');
    expect(errors.headerOf?.('x-a')).toBe('bad header');
  });

  it('knows the sent code only for a Python auto-reply', () => {
    expect(sentCode({ kind: 'python', code: 'c' })).toBe('c');
    expect(sentCode({ kind: 'static', body: 1 })).toBeUndefined();
    expect(sentCode(null)).toBeUndefined();
  });
});
