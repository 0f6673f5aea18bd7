import { describe, expect, it } from 'vitest';
import { CompileProblems } from '../matching/compile-problems.js';
import { compileResponse, responseCompilers } from './compile-response.js';

function problemsOf(doc: unknown): string[] {
  const problems = new CompileProblems();
  const compiled = compileResponse(doc, '/response', problems);
  expect(compiled === undefined).toBe(problems.count > 0);
  return problems.details.map((detail) => detail.path);
}

describe('compileResponse', () => {
  it('has one compiler per response kind of DESIGN §4', () => {
    expect(Object.keys(responseCompilers).sort()).toEqual(['proxy', 'python', 'static']);
  });

  it('passes python code and its timeout through for the sandbox', () => {
    const problems = new CompileProblems();
    expect(
      compileResponse({ kind: 'python', code: 'def handler(b, h): return 1' }, '/response', problems),
    ).toEqual({
      kind: 'python',
      code: 'def handler(b, h): return 1',
      timeoutMs: null,
    });
  });

  it('passes proxy settings through, null meaning the service default', () => {
    const problems = new CompileProblems();
    expect(compileResponse({ kind: 'proxy' }, '/response', problems)).toEqual({
      kind: 'proxy',
      upstream: null,
      pathRewrite: null,
    });
  });

  it('refuses unknown kinds and fields, naming them', () => {
    expect(problemsOf({ kind: 'toString' })).toEqual(['/response/kind']);
    expect(problemsOf({ kind: 'python', code: 'x', image: 'py3' })).toEqual(['/response/image']);
    expect(problemsOf({ kind: 'proxy', upstream: 'http://a b' })).toEqual(['/response/upstream']);
    expect(problemsOf({ kind: 'proxy', upstream: null })).toEqual(['/response/upstream']);
    expect(problemsOf('static')).toEqual(['/response']);
  });
});
