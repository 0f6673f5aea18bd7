import { describe, expect, it } from 'vitest';
import { isOperatorName, OPERATOR_NAMES, operators } from './operator-table.js';

describe('the operator table', () => {
  it('lists every operator of issue 3', () => {
    expect([...OPERATOR_NAMES].sort()).toEqual(
      ['contains', 'endsWith', 'equals', 'exists', 'gt', 'gte', 'lt', 'lte', 'regex', 'startsWith'].sort(),
    );
  });

  it('offers case-insensitive variants of exactly the text operators', () => {
    const withCase = OPERATOR_NAMES.filter((name) => operators[name].acceptsCaseInsensitive);
    expect(withCase.sort()).toEqual(['contains', 'endsWith', 'equals', 'regex', 'startsWith']);
  });

  it('does not take inherited keys for operators', () => {
    expect(isOperatorName('toString')).toBe(false);
    expect(isOperatorName('__proto__')).toBe(false);
    expect(isOperatorName('equals')).toBe(true);
  });
});
