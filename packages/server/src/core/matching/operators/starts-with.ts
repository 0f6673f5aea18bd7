import { textOperator } from './operator.js';

/** `startsWith`: the value begins with the operand. */
export const startsWith = textOperator('startsWith', (actual, operand) => actual.startsWith(operand));
