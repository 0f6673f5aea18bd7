import { asText, describe, type Operator } from './operator.js';

/** Longer patterns are refused: a regex that size is almost always a pasted document, not a condition. */
const MAX_PATTERN_LENGTH = 4096;

/**
 * `regex`: the value matches a JavaScript regular expression, unanchored (write ^…$ for a whole match).
 * It is compiled here, at save time, so a bad pattern is a 400 and never a failure at request time.
 */
export const regex: Operator = {
  acceptsCaseInsensitive: true,
  compile(operand, context) {
    if (typeof operand !== 'string') return 'must be a string';
    if (operand.length > MAX_PATTERN_LENGTH) return `must be at most ${MAX_PATTERN_LENGTH} characters`;
    const compiled = compileRegex(operand, context.caseInsensitive);
    if (typeof compiled === 'string') return compiled;
    const test = (actual: unknown): boolean => {
      const text = asText(actual);
      return text !== undefined && compiled.test(text);
    };
    return {
      expectation: describe('regex', operand, context.caseInsensitive),
      test,
      distance: (actual) => (test(actual) ? 0 : 1),
    };
  },
};

/** Compiles a stub's pattern, or explains why it is not a valid regular expression. */
export function compileRegex(pattern: string, caseInsensitive: boolean): RegExp | string {
  try {
    // No g or y flag: those make test() stateful through lastIndex.
    return new RegExp(pattern, caseInsensitive ? 'i' : '');
  } catch (error) {
    return `is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
}
