import { preview } from '../compile-problems.js';

/** The operators a field matcher may use; each lives in its own file and is listed in operator-table.ts. */
export type OperatorName =
  'equals' | 'contains' | 'startsWith' | 'endsWith' | 'regex' | 'exists' | 'gt' | 'gte' | 'lt' | 'lte';

export interface OperandContext {
  readonly caseInsensitive: boolean;
  /** JSONPath results are JSON values, so `equals` takes any JSON there; every other field is text. */
  readonly json: boolean;
}

/**
 * One compiled condition on one value. `actual` is undefined when the field is absent; text fields
 * pass strings, JSONPath results pass any JSON value.
 */
export interface FieldTest {
  /** The condition as people read it, e.g. `equals "acme"`, for near-miss diffs. */
  readonly expectation: string;
  /** The hot-path check: true exactly when distance(actual) is 0. */
  test(actual: unknown): boolean;
  /** In [0, 1]; only called to rank near misses. */
  distance(actual: unknown): number;
}

export interface Operator {
  /** Whether `caseInsensitive: true` means something for this operator. */
  readonly acceptsCaseInsensitive: boolean;
  /** Checks and prepares the operand once, at save time; returns a problem message when it is invalid. */
  compile(operand: unknown, context: OperandContext): FieldTest | string;
}

/**
 * The text of a value for the text operators: strings as they are, numbers and booleans as JSON writes
 * them (so `{ "jsonPath": "$.id", "regex": "^\\d+$" }` works on numeric ids), anything else has none.
 */
export function asText(actual: unknown): string | undefined {
  if (typeof actual === 'string') return actual;
  if (typeof actual === 'number' || typeof actual === 'boolean') return String(actual);
  return undefined;
}

/** The number a value stands for: numbers as they are, numeric text parsed, anything else NaN. */
export function asNumber(actual: unknown): number {
  if (typeof actual === 'number') return actual;
  if (typeof actual !== 'string' || actual.trim() === '') return Number.NaN;
  return Number(actual);
}

/** Describes an operator and its operand the way the stub document spells it. */
export function describe(name: OperatorName, operand: unknown, caseInsensitive: boolean): string {
  return `${name} ${preview(JSON.stringify(operand) ?? String(operand), 120)}${caseInsensitive ? ' (case-insensitive)' : ''}`;
}

/**
 * Shared shape of contains / startsWith / endsWith: a string operand and a yes-or-no text test. A value
 * that is present but fails counts as fully different: partial credit would rank a near miss on a
 * prefix above one on a whole path, which misleads more than it helps.
 */
export function textOperator(
  name: OperatorName,
  holds: (actual: string, operand: string) => boolean,
): Operator {
  return {
    acceptsCaseInsensitive: true,
    compile(operand, context) {
      if (typeof operand !== 'string') return 'must be a string';
      const expected = context.caseInsensitive ? operand.toLowerCase() : operand;
      const test = (actual: unknown): boolean => {
        const text = asText(actual);
        if (text === undefined) return false;
        return holds(context.caseInsensitive ? text.toLowerCase() : text, expected);
      };
      return {
        expectation: describe(name, operand, context.caseInsensitive),
        test,
        distance: (actual) => (test(actual) ? 0 : 1),
      };
    },
  };
}
