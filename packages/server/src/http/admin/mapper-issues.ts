import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from '../validation.js';

interface AjvIssue {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** The branches of the BridgeMapper union, in their order in the contract. */
const MAPPER_KINDS = ['identity', 'template', 'python'];
const BRANCH = /\/properties\/mapper\/anyOf\/(\d+)\//;

function mapperKind(data: unknown): unknown {
  const mapper = (data as { mapper?: unknown } | null)?.mapper;
  return (mapper as { kind?: unknown } | null | undefined)?.kind;
}

/** Keeps the issues of the union branch the body chose by `kind`; an unknown kind gets one clear issue. */
function narrow(issues: AjvIssue[], kind: unknown): AjvIssue[] {
  const chosen = MAPPER_KINDS.indexOf(typeof kind === 'string' ? kind : '');
  if (chosen < 0) {
    const others = issues.filter((i) => !BRANCH.test(i.schemaPath) && i.keyword !== 'anyOf');
    const message = `must be one of ${MAPPER_KINDS.join(', ')}`;
    return [
      ...others,
      { instancePath: '/mapper/kind', schemaPath: '', keyword: 'enum', message, params: {} },
    ];
  }
  return issues.filter((i) => {
    const branch = BRANCH.exec(i.schemaPath);
    return !branch || Number(branch[1]) === chosen;
  });
}

/**
 * The route validator, with the mapper union's issues narrowed to the branch its `kind` names: a
 * python mapper without code is told "/body/mapper/code is required", not that its kind is wrong for
 * the other two branches.
 */
export const mapperAwareValidator: FastifySchemaCompiler<object> = (route) => {
  const validate = validatorCompiler(route) as (data: unknown) => { value?: unknown; error?: Error };
  return (data: unknown) => {
    const result = validate(data);
    const issues = (result.error as { validation?: AjvIssue[] } | undefined)?.validation;
    if (!issues || mapperKind(data) === undefined) return result;
    const narrowed = narrow(issues, mapperKind(data));
    return { error: Object.assign(new Error('validation failed'), { validation: narrowed }) };
  };
};
