import { gt, gte, lt, lte } from './compare-numbers.js';
import { contains } from './contains.js';
import { endsWith } from './ends-with.js';
import { equals } from './equals.js';
import { exists } from './exists.js';
import type { Operator, OperatorName } from './operator.js';
import { regex } from './regex.js';
import { startsWith } from './starts-with.js';

/** Every field operator by the name a stub document uses for it (STYLE rule 3: a table, no switch). */
export const operators = {
  equals,
  contains,
  startsWith,
  endsWith,
  regex,
  exists,
  gt,
  gte,
  lt,
  lte,
} satisfies Record<OperatorName, Operator>;

export const OPERATOR_NAMES = Object.keys(operators) as readonly OperatorName[];

export function isOperatorName(key: string): key is OperatorName {
  return Object.hasOwn(operators, key);
}
