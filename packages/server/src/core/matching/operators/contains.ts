import { textOperator } from './operator.js';

/** `contains`: the value contains the operand as a substring. */
export const contains = textOperator('contains', (actual, operand) => actual.includes(operand));
