import { isJsonValue } from '../compile-problems.js';
import { textDistance } from '../distance.js';
import { jsonDistance, jsonMatches, lowerCaseStrings } from '../json-compare.js';
import { asText, describe, type FieldTest, type OperandContext, type Operator } from './operator.js';

/**
 * `equals`: on text fields the whole value equals the operand; on JSONPath results the value deep-equals
 * the operand (JSON types matter there: "42" does not equal 42).
 */
export const equals: Operator = {
  acceptsCaseInsensitive: true,
  compile(operand, context) {
    if (context.json) {
      return isJsonValue(operand) ? jsonEquals(operand, context) : 'must be a JSON value';
    }
    return typeof operand === 'string' ? textEquals(operand, context) : 'must be a string';
  },
};

function textEquals(operand: string, context: OperandContext): FieldTest {
  const expected = context.caseInsensitive ? operand.toLowerCase() : operand;
  const normalize = (actual: unknown): string | undefined => {
    const text = asText(actual);
    return text !== undefined && context.caseInsensitive ? text.toLowerCase() : text;
  };
  return {
    expectation: describe('equals', operand, context.caseInsensitive),
    test: (actual) => normalize(actual) === expected,
    distance(actual) {
      const text = normalize(actual);
      return text === undefined ? 1 : textDistance(expected, text);
    },
  };
}

function jsonEquals(operand: unknown, context: OperandContext): FieldTest {
  const how = { subset: false, caseInsensitive: context.caseInsensitive };
  const expected = context.caseInsensitive ? lowerCaseStrings(operand) : operand;
  return {
    expectation: describe('equals', operand, context.caseInsensitive),
    test: (actual) => actual !== undefined && jsonMatches(expected, actual, how),
    distance: (actual) => (actual === undefined ? 1 : jsonDistance(expected, actual, how)),
  };
}
