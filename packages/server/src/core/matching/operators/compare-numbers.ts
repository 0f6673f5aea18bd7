import { asNumber, describe, type Operator, type OperatorName } from './operator.js';

// gt, gte, lt and lte differ only in the comparison, so they share this one file.

function numericOperator(name: OperatorName, holds: (actual: number, operand: number) => boolean): Operator {
  return {
    acceptsCaseInsensitive: false,
    compile(operand) {
      if (typeof operand !== 'number' || !Number.isFinite(operand)) return 'must be a finite number';
      // NaN compares false with everything, so text that is not a number never matches.
      const test = (actual: unknown): boolean => holds(asNumber(actual), operand);
      return {
        expectation: describe(name, operand, false),
        test,
        distance: (actual) => (test(actual) ? 0 : 1),
      };
    },
  };
}

/** `gt`: the value, read as a number, is greater than the operand. */
export const gt = numericOperator('gt', (actual, operand) => actual > operand);
/** `gte`: the value, read as a number, is greater than or equal to the operand. */
export const gte = numericOperator('gte', (actual, operand) => actual >= operand);
/** `lt`: the value, read as a number, is less than the operand. */
export const lt = numericOperator('lt', (actual, operand) => actual < operand);
/** `lte`: the value, read as a number, is less than or equal to the operand. */
export const lte = numericOperator('lte', (actual, operand) => actual <= operand);
