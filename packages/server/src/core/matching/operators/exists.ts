import { describe, type Operator } from './operator.js';

/**
 * `exists`: true means the field is present (any value, even empty), false that it is absent. For
 * fields with several values (query, JSONPath) it is asked of each value, so `exists: false` holds
 * only when there is none.
 */
export const exists: Operator = {
  acceptsCaseInsensitive: false,
  compile(operand) {
    if (typeof operand !== 'boolean') return 'must be true or false';
    const test = (actual: unknown): boolean => (actual !== undefined) === operand;
    return {
      expectation: describe('exists', operand, false),
      test,
      distance: (actual) => (test(actual) ? 0 : 1),
    };
  },
};
