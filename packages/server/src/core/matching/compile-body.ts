import { CompileProblems, checkKeys, isJsonValue, isPlainObject, pointerTo } from './compile-problems.js';
import { compileFieldMatcher, compileFields } from './compile-matcher.js';
import { EXACT_JSON, SUBSET_JSON, type JsonComparison } from './json-compare.js';
import { compileJsonPath } from './json-path.js';
import { AllOfPredicate } from './predicates/combinators.js';
import { FieldPredicate } from './predicates/field-predicate.js';
import { bodyTextSource, formSource, jsonPathSource } from './predicates/field-sources.js';
import { JsonBodyPredicate } from './predicates/json-body-predicate.js';
import { SPECIFICITY, WEIGHT, type CompiledPredicate } from './predicates/predicate.js';

type BodyCompiler = (
  doc: Record<string, unknown>,
  pointer: string,
  problems: CompileProblems,
) => CompiledPredicate | undefined;

// The body variants are told apart by their one distinguishing key; anything else is a text operator
// on the raw body.
const variants: ReadonlyArray<readonly [key: string, compile: BodyCompiler]> = [
  [
    'equalsJson',
    (doc, pointer, problems) => compileJsonBody(doc, 'equalsJson', EXACT_JSON, pointer, problems),
  ],
  [
    'matchesJson',
    (doc, pointer, problems) => compileJsonBody(doc, 'matchesJson', SUBSET_JSON, pointer, problems),
  ],
  ['jsonPath', compileJsonPathBody],
  ['form', compileFormBody],
];

/** Compiles `request.body`: equalsJson, matchesJson, `{ jsonPath, <operator> }`, `{ form }` or text. */
export function compileBody(
  doc: unknown,
  pointer: string,
  problems: CompileProblems,
): CompiledPredicate | undefined {
  if (!isPlainObject(doc)) {
    problems.add(pointer, 'must be an object, e.g. { "jsonPath": "$.type", "equals": "express" }');
    return undefined;
  }
  for (const [key, compile] of variants) {
    if (Object.hasOwn(doc, key)) return compile(doc, pointer, problems);
  }
  const test = compileFieldMatcher(doc, pointer, problems, { json: false });
  return test && new FieldPredicate(bodyTextSource, test, WEIGHT.condition, SPECIFICITY.condition);
}

function compileJsonBody(
  doc: Record<string, unknown>,
  key: string,
  how: JsonComparison,
  pointer: string,
  problems: CompileProblems,
): CompiledPredicate | undefined {
  if (!checkKeys(doc, [key], pointer, problems)) return undefined;
  const expected = doc[key];
  if (!isJsonValue(expected)) {
    problems.add(pointerTo(pointer, key), 'must be a JSON value (not too deeply nested)');
    return undefined;
  }
  return new JsonBodyPredicate(expected, how);
}

function compileJsonPathBody(
  doc: Record<string, unknown>,
  pointer: string,
  problems: CompileProblems,
): CompiledPredicate | undefined {
  const path = compileJsonPath(doc.jsonPath);
  if (typeof path === 'string') problems.add(pointerTo(pointer, 'jsonPath'), path);
  const test = compileFieldMatcher(doc, pointer, problems, { json: true, siblingKeys: ['jsonPath'] });
  if (typeof path === 'string' || test === undefined) return undefined;
  return new FieldPredicate(jsonPathSource(path), test, WEIGHT.condition, SPECIFICITY.condition);
}

function compileFormBody(
  doc: Record<string, unknown>,
  pointer: string,
  problems: CompileProblems,
): CompiledPredicate | undefined {
  if (!checkKeys(doc, ['form'], pointer, problems)) return undefined;
  const fields = compileFields(doc.form, pointerTo(pointer, 'form'), problems, formSource);
  return fields && new AllOfPredicate(fields);
}
