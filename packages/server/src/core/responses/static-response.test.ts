import { MAX_DELAY_MS as CONTRACT_MAX_DELAY_MS } from '@understudy/contracts';
import { describe, expect, it } from 'vitest';
import { CompileProblems } from '../matching/compile-problems.js';
import { compileStaticResponse, MAX_DELAY_MS, type CompiledStaticResponse } from './static-response.js';

function compile(doc: Record<string, unknown>): CompiledStaticResponse {
  const problems = new CompileProblems();
  const compiled = compileStaticResponse({ kind: 'static', ...doc }, '/response', problems);
  if (compiled === undefined) throw new Error(JSON.stringify(problems.details));
  return compiled;
}

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('compileStaticResponse', () => {
  it('defaults to 200 with an empty body and no content-type', () => {
    const { plan } = compile({});
    expect(plan).toMatchObject({ status: 200, headers: {}, delayMs: 0, fault: null });
    expect(plan.body).toHaveLength(0);
  });

  it('serializes a JSON body once and defaults its content-type to application/json', () => {
    const { plan } = compile({ status: 201, body: { ok: true } });
    expect(decode(plan.body)).toBe('{"ok":true}');
    expect(plan.headers['content-type']).toBe('application/json');
  });

  it('sends text as UTF-8 with text/plain', () => {
    const { plan } = compile({ text: 'héllo' });
    expect(decode(plan.body)).toBe('héllo');
    expect(plan.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('decodes base64 into bytes with application/octet-stream', () => {
    const { plan } = compile({ base64: 'AP8Q' });
    expect([...plan.body]).toEqual([0, 255, 16]);
    expect(plan.headers['content-type']).toBe('application/octet-stream');
  });

  it('keeps a content-type the stub set, in any letter case', () => {
    const { plan } = compile({ headers: { 'Content-Type': 'application/vnd.x+json' }, body: {} });
    expect(plan.headers).toEqual({ 'Content-Type': 'application/vnd.x+json' });
  });

  it('keeps header lists such as several set-cookie values', () => {
    const { plan } = compile({ headers: { 'set-cookie': ['a=1', 'b=2'] } });
    expect(plan.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('reads fixed and random delays and faults', () => {
    expect(compile({ delayMs: 250 }).delay).toEqual({ min: 250, max: 250 });
    expect(compile({ delayMs: { min: 10, max: 20 } }).delay).toEqual({ min: 10, max: 20 });
    expect(compile({ fault: 'connection-reset' }).plan.fault).toBe('connection-reset');
  });

  it('freezes the headers it shares between requests', () => {
    expect(Object.isFrozen(compile({ headers: { a: 'b' } }).plan.headers)).toBe(true);
  });

  it('agrees with the contracts on the longest delay', () => {
    expect(MAX_DELAY_MS).toBe(CONTRACT_MAX_DELAY_MS);
  });
});
