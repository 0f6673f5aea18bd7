import type { ErrorDetail, TextMatcher } from '@understudy/contracts';
import { pointerToken } from '../../../lib/error-pointers';
import { isRecord, type Json } from './json-value';

export const TEXT_OPERATORS = [
  'equals',
  'contains',
  'startsWith',
  'endsWith',
  'regex',
  'exists',
  'gt',
  'gte',
  'lt',
  'lte',
] as const;
export type TextOperator = (typeof TEXT_OPERATORS)[number];

export const OPERATOR_LABELS: Record<TextOperator, string> = {
  equals: 'equals',
  contains: 'contains',
  startsWith: 'starts with',
  endsWith: 'ends with',
  regex: 'matches regex',
  exists: 'is present',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
};

const NUMERIC: ReadonlySet<TextOperator> = new Set(['gt', 'gte', 'lt', 'lte']);
export const isNumericOperator = (operator: TextOperator) => NUMERIC.has(operator);
/** Operators on text, which may ignore case. */
export const isTextOperator = (operator: TextOperator) => operator !== 'exists' && !NUMERIC.has(operator);

/** One line of a query or header condition: name, operator, value. */
export interface ConditionRow {
  /** React key; rows have no id of their own. */
  key: string;
  name: string;
  operator: TextOperator;
  /** The operand as typed; for `exists`, "true" or "false". */
  value: string;
  caseInsensitive: boolean;
}

let nextKey = 0;
export const rowKey = () => `row-${++nextKey}`;

export const emptyRow = (): ConditionRow => ({
  key: rowKey(),
  name: '',
  operator: 'equals',
  value: '',
  caseInsensitive: false,
});

/** The operator of a matcher object, or null when it holds none the form knows. */
export function operatorOf(matcher: Json): TextOperator | null {
  return TEXT_OPERATORS.find((operator) => operator in matcher) ?? null;
}

/** A matcher as the form shows it, or null when it holds more than the form can show. */
export function conditionOf(matcher: unknown): Omit<ConditionRow, 'key' | 'name'> | null {
  if (!isRecord(matcher)) return null;
  const operator = operatorOf(matcher);
  if (operator === null) return null;
  const extra = Object.keys(matcher).filter((key) => key !== operator && key !== 'caseInsensitive');
  const operand = matcher[operator];
  if (extra.length > 0 || !['string', 'number', 'boolean'].includes(typeof operand)) return null;
  return { operator, value: String(operand), caseInsensitive: matcher.caseInsensitive === true };
}

/** Rows from `{ name: matcher }`; null when one of them can't be shown as a row. */
export function rowsOf(matchers: unknown): ConditionRow[] | null {
  if (matchers === undefined) return [];
  if (!isRecord(matchers)) return null;
  const rows: ConditionRow[] = [];
  for (const [name, matcher] of Object.entries(matchers)) {
    const condition = conditionOf(matcher);
    if (!condition) return null;
    rows.push({ key: rowKey(), name, ...condition });
  }
  return rows;
}

/** A matcher from operator and typed value; a problem message instead when the value can't be one. */
export function matcherOf(
  operator: TextOperator,
  value: string,
  caseInsensitive: boolean,
): TextMatcher | string {
  if (operator === 'exists') return { exists: value !== 'false' };
  if (isNumericOperator(operator)) {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) return 'Enter a number';
    return { [operator]: number } as TextMatcher;
  }
  return { [operator]: value, ...(caseInsensitive && { caseInsensitive: true }) } as TextMatcher;
}

/** `{ name: matcher }` from rows, with problems pointing where the server would point. */
export function matchersOf(
  rows: readonly ConditionRow[],
  pointer: string,
  problems: ErrorDetail[],
): Record<string, TextMatcher> | undefined {
  const matchers: Record<string, TextMatcher> = {};
  for (const row of rows) {
    const name = row.name.trim();
    if (name === '' && row.value === '') continue; // a blank row: ignore it
    const at = `${pointer}/${pointerToken(name)}`;
    if (name === '') {
      problems.push({ path: at, message: 'Enter a name' });
      continue;
    }
    if (name in matchers) problems.push({ path: at, message: `${name} is listed twice; keep one` });
    const matcher = matcherOf(row.operator, row.value, row.caseInsensitive);
    if (typeof matcher === 'string') problems.push({ path: at, message: matcher });
    else matchers[name] = matcher;
  }
  return Object.keys(matchers).length > 0 ? matchers : undefined;
}
