import { describe, expect, it } from 'vitest';
import { codeErrorLine } from './code-error-line';

describe('codeErrorLine', () => {
  it('reads the line a syntax error names', () => {
    expect(codeErrorLine('line 3, column 7: invalid syntax')).toBe(3);
    expect(codeErrorLine('line 12, column 1: unexpected indent')).toBe(12);
  });

  it('has none for other messages or none at all', () => {
    expect(codeErrorLine('the code is too long')).toBeNull();
    expect(codeErrorLine('handler must take 2 or 3 parameters (line 4)')).toBeNull();
    expect(codeErrorLine(undefined)).toBeNull();
  });
});
