import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function ajv(options: Options): Ajv {
  // removeAdditional: false — an unknown field is an error that names it, not something silently dropped.
  return addFormats(
    new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, strict: false, ...options }),
  );
}

const strictAjv = ajv({ coerceTypes: false });
const coercingAjv = ajv({ coerceTypes: 'array' });

/**
 * JSON bodies are validated strictly (a string is never taken for a number); the URL parts
 * (params, query, headers) arrive as strings and are coerced to the declared types.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const validator = (httpPart === 'body' ? strictAjv : coercingAjv).compile(schema);
  return (data: unknown) => {
    const ok = validator(data);
    return ok
      ? { value: data }
      : { error: Object.assign(new Error('validation failed'), { validation: validator.errors }) };
  };
};
