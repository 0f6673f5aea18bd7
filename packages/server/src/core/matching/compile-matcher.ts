import { CompileProblems, isPlainObject, pointerTo } from './compile-problems.js';
import type { FieldTest, OperatorName } from './operators/operator.js';
import { FieldPredicate, type ValueSource } from './predicates/field-predicate.js';
import { SPECIFICITY, WEIGHT, type CompiledPredicate } from './predicates/predicate.js';
import { isOperatorName, OPERATOR_NAMES, operators } from './operators/operator-table.js';

export interface MatcherOptions {
  /** The value is a JSONPath result (any JSON) rather than text. */
  readonly json: boolean;
  /** Keys that belong to the enclosing object, such as `jsonPath` in a body predicate. */
  readonly siblingKeys?: readonly string[];
}

const CASE_INSENSITIVE = 'caseInsensitive';

/**
 * Compiles `{ "<operator>": operand, "caseInsensitive"?: boolean }` into a FieldTest, or records
 * what is wrong with it (located under `pointer`) and returns undefined.
 */
export function compileFieldMatcher(
  doc: unknown,
  pointer: string,
  problems: CompileProblems,
  options: MatcherOptions,
): FieldTest | undefined {
  if (!isPlainObject(doc)) {
    problems.add(pointer, 'must be an object with one operator, e.g. { "equals": "…" }');
    return undefined;
  }
  const before = problems.count;
  const name = findOperator(doc, pointer, problems, options.siblingKeys ?? []);
  const caseInsensitive = readCaseInsensitive(doc, name, pointer, problems);
  if (name === undefined || problems.count > before) return undefined;
  const compiled = operators[name].compile(doc[name], { caseInsensitive, json: options.json });
  if (typeof compiled === 'string') {
    problems.add(pointerTo(pointer, name), compiled);
    return undefined;
  }
  return compiled;
}

function findOperator(
  doc: Record<string, unknown>,
  pointer: string,
  problems: CompileProblems,
  siblingKeys: readonly string[],
): OperatorName | undefined {
  let found: OperatorName | undefined;
  let strangers = 0;
  for (const key of Object.keys(doc)) {
    if (key === CASE_INSENSITIVE || siblingKeys.includes(key)) continue;
    if (!isOperatorName(key)) {
      strangers++;
      problems.add(
        pointerTo(pointer, key),
        `is not an operator (expected one of: ${OPERATOR_NAMES.join(', ')})`,
      );
    } else if (found !== undefined) {
      problems.add(
        pointerTo(pointer, key),
        `is a second operator next to ${found}: one condition has one operator (combine them with allOf)`,
      );
    } else {
      found = key;
    }
  }
  if (found === undefined && strangers === 0) {
    problems.add(pointer, `needs one operator: ${OPERATOR_NAMES.join(', ')}`);
  }
  return found;
}

function readCaseInsensitive(
  doc: Record<string, unknown>,
  name: OperatorName | undefined,
  pointer: string,
  problems: CompileProblems,
): boolean {
  if (!Object.hasOwn(doc, CASE_INSENSITIVE)) return false;
  const value = doc[CASE_INSENSITIVE];
  const at = pointerTo(pointer, CASE_INSENSITIVE);
  if (typeof value !== 'boolean') {
    problems.add(at, 'must be true or false');
    return false;
  }
  if (name !== undefined && !operators[name].acceptsCaseInsensitive) {
    problems.add(at, `does not apply to ${name}`);
  }
  return value;
}

/**
 * Compiles `{ name: matcher, … }` (query, headers, cookies, form) into one predicate per name, or
 * records the problems and returns undefined.
 */
export function compileFields(
  doc: unknown,
  pointer: string,
  problems: CompileProblems,
  sourceFor: (name: string) => ValueSource,
  checkName: (name: string) => string | undefined = () => undefined,
): CompiledPredicate[] | undefined {
  if (!isPlainObject(doc)) {
    problems.add(pointer, 'must be an object of name → condition, e.g. { "x-tenant": { "equals": "acme" } }');
    return undefined;
  }
  const before = problems.count;
  const fields: CompiledPredicate[] = [];
  for (const name of Object.keys(doc)) {
    const at = pointerTo(pointer, name);
    const nameProblem = checkName(name);
    if (nameProblem !== undefined) problems.add(at, nameProblem);
    const test = compileFieldMatcher(doc[name], at, problems, { json: false });
    if (test) fields.push(new FieldPredicate(sourceFor(name), test, WEIGHT.condition, SPECIFICITY.condition));
  }
  return problems.count > before ? undefined : fields;
}
