import { CompileProblems, checkKeys, isPlainObject, pointerTo } from './compile-problems.js';
import { compileFieldMatcher } from './compile-matcher.js';
import { equals } from './operators/equals.js';
import { FieldPredicate } from './predicates/field-predicate.js';
import { pathSource } from './predicates/field-sources.js';
import { parsePathTemplate, type PathTemplate } from './predicates/path-template.js';
import { SPECIFICITY, WEIGHT, type CompiledPredicate } from './predicates/predicate.js';
import { TemplatePredicate } from './predicates/template-predicate.js';

/** How the stub index can find a stub by its path without evaluating it. */
export type PathRoute =
  | { readonly kind: 'exact'; readonly path: string }
  | { readonly kind: 'template'; readonly template: PathTemplate }
  | { readonly kind: 'scan' };

export interface CompiledPath {
  readonly route: PathRoute;
  readonly predicate: CompiledPredicate;
}

/** Compiles `request.path`: "/exact", `{ "template": … }` or a text operator such as `{ "regex": … }`. */
export function compilePath(
  doc: unknown,
  pointer: string,
  problems: CompileProblems,
): CompiledPath | undefined {
  if (typeof doc === 'string') {
    if (!doc.startsWith('/')) {
      problems.add(pointer, 'must start with / (a plain string is an exact path)');
      return undefined;
    }
    return exactPath(doc);
  }
  if (isPlainObject(doc) && Object.hasOwn(doc, 'template')) return compileTemplate(doc, pointer, problems);
  const test = compileFieldMatcher(doc, pointer, problems, { json: false });
  if (test === undefined || !isPlainObject(doc)) return undefined;
  if (typeof doc.equals === 'string' && doc.caseInsensitive !== true) return exactPath(doc.equals);
  return {
    route: { kind: 'scan' },
    predicate: new FieldPredicate(pathSource, test, WEIGHT.path, SPECIFICITY.otherPath),
  };
}

function compileTemplate(
  doc: Record<string, unknown>,
  pointer: string,
  problems: CompileProblems,
): CompiledPath | undefined {
  const at = pointerTo(pointer, 'template');
  if (!checkKeys(doc, ['template'], pointer, problems)) return undefined;
  if (typeof doc.template !== 'string') {
    problems.add(at, 'must be a string such as /orders/{id}');
    return undefined;
  }
  const template = parsePathTemplate(doc.template);
  if (typeof template === 'string') {
    problems.add(at, template);
    return undefined;
  }
  // Without parameters a template is an exact path, and is indexed and ranked as one.
  if (template.segments.every((segment) => segment.kind === 'literal')) return exactPath(template.source);
  return { route: { kind: 'template', template }, predicate: new TemplatePredicate(template) };
}

function exactPath(path: string): CompiledPath {
  const test = equals.compile(path, { caseInsensitive: false, json: false });
  if (typeof test === 'string') throw new Error(`a string operand was refused: ${test}`);
  return {
    route: { kind: 'exact', path },
    predicate: new FieldPredicate(pathSource, test, WEIGHT.path, SPECIFICITY.exactPath),
  };
}
