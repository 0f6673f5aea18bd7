import { textOperator } from './operator.js';

/** `endsWith`: the value ends with the operand. */
export const endsWith = textOperator('endsWith', (actual, operand) => actual.endsWith(operand));
