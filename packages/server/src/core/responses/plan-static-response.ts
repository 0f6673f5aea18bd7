import type { CompiledStaticResponse, StaticResponsePlan } from './static-response.js';

/** A source of uniform random numbers in [0, 1), injected so delays are testable (Math.random in production). */
export type RandomSource = () => number;

/**
 * The answer for one request to a static stub. Everything but a random delay was computed when the
 * stub was saved, so a fixed-delay stub returns the same frozen plan and allocates nothing.
 */
export function planStaticResponse(
  response: CompiledStaticResponse,
  random: RandomSource,
): StaticResponsePlan {
  const { min, max } = response.delay;
  if (min === max) return response.plan;
  // Whole milliseconds, min and max both reachable; clamped in case a source returns exactly 1.
  const delayMs = Math.min(max, min + Math.floor(random() * (max - min + 1)));
  return { ...response.plan, delayMs };
}
