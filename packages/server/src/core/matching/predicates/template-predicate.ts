import type { MatchDiff } from '@understudy/contracts';
import { preview } from '../compile-problems.js';
import type { RequestSnapshot } from '../request-snapshot.js';
import type { PathTemplate } from './path-template.js';
import { SPECIFICITY, WEIGHT, type CompiledPredicate } from './predicate.js';

/** `{ "template": "/orders/{id}" }`: the path fits the template. */
export class TemplatePredicate implements CompiledPredicate {
  readonly weight = WEIGHT.path;
  readonly specificity: number;
  readonly label = 'path';

  constructor(readonly template: PathTemplate) {
    this.specificity =
      SPECIFICITY.templatePath + Math.round(SPECIFICITY.templateLiteralShare * template.literalShare);
  }

  isExact(snapshot: RequestSnapshot): boolean {
    return this.template.matches(snapshot.path);
  }

  distance(snapshot: RequestSnapshot): number {
    return this.isExact(snapshot) ? 0 : Math.max(this.template.distance(snapshot.path), Number.EPSILON);
  }

  collectDiffs(snapshot: RequestSnapshot, out: MatchDiff[]): void {
    if (this.isExact(snapshot)) return;
    out.push({ field: 'path', expected: `template ${this.template.source}`, actual: preview(snapshot.path) });
  }
}
