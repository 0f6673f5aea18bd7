import { describe, expect, it } from 'vitest';
import { CompileProblems } from '../matching/compile-problems.js';
import { planStaticResponse } from './plan-static-response.js';
import { compileStaticResponse, type CompiledStaticResponse } from './static-response.js';

function compile(delayMs: unknown): CompiledStaticResponse {
  const compiled = compileStaticResponse({ kind: 'static', delayMs }, '/response', new CompileProblems());
  if (compiled === undefined) throw new Error('invalid');
  return compiled;
}

describe('planStaticResponse', () => {
  it('returns the same precomputed plan for a fixed delay, allocating nothing', () => {
    const response = compile(100);
    const plan = planStaticResponse(response, () => 0.5);
    expect(plan).toBe(response.plan);
    expect(plan.delayMs).toBe(100);
  });

  it('picks a random delay within the bounds, both ends included', () => {
    const response = compile({ min: 10, max: 20 });
    expect(planStaticResponse(response, () => 0).delayMs).toBe(10);
    expect(planStaticResponse(response, () => 0.5).delayMs).toBe(15);
    expect(planStaticResponse(response, () => 0.999_999).delayMs).toBe(20);
    expect(planStaticResponse(response, () => 1).delayMs).toBe(20);
  });

  it('changes nothing but the delay', () => {
    const response = compile({ min: 1, max: 2 });
    const plan = planStaticResponse(response, () => 0.9);
    expect({ ...plan, delayMs: response.plan.delayMs }).toEqual(response.plan);
    expect(plan.body).toBe(response.plan.body);
  });
});
