import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from 'typebox';
import type { HandlerRunner } from '../../core/ports/index.js';
import { handlerKey } from '../../services/run-python-stub.js';
import { actorOf } from './request-identity.js';
import { SECURED, errorResponses } from './schema-helpers.js';

const TryRequest = Type.Object(
  {
    code: Type.String({
      minLength: 1,
      maxLength: 100_000,
      description: 'Python source defining handler(body, headers)',
    }),
    request: Type.Optional(
      Type.Object(
        {
          method: Type.Optional(Type.String({ maxLength: 32 })),
          path: Type.Optional(Type.String({ maxLength: 2000 })),
          headers: Type.Optional(Type.Record(Type.String(), Type.String())),
          query: Type.Optional(Type.Record(Type.String(), Type.String())),
          body: Type.Optional(
            Type.Unknown({ description: 'What the handler receives as body: any JSON, or a string' }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 30_000 })),
  },
  { additionalProperties: false },
);
type TryRequest = Static<typeof TryRequest>;

const TryResult = Type.Object({
  ok: Type.Boolean(),
  status: Type.Optional(Type.Integer()),
  headers: Type.Optional(Type.Record(Type.String(), Type.String())),
  body: Type.Optional(Type.Unknown()),
  bodyType: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('text'), Type.Literal('bytes'), Type.Null()]),
  ),
  error: Type.Optional(
    Type.Object({ kind: Type.String(), message: Type.String(), traceback: Type.Optional(Type.String()) }),
  ),
  stdout: Type.String(),
  stderr: Type.String(),
  durationMs: Type.Number(),
});

/** "Try it": runs a handler on a sample request in the sandbox, without saving anything. */
export const handlerRoutes: FastifyPluginAsync<{ handlers: HandlerRunner }> = async (app, { handlers }) => {
  app.post(
    '/handlers/try',
    {
      schema: {
        tags: ['stubs'],
        summary: 'Run Python handler code once on a sample request (nothing is saved)',
        security: SECURED,
        body: TryRequest,
        response: { 200: TryResult, ...errorResponses(400, 401, 503) },
      },
      serializerCompiler: () => (data: unknown) => JSON.stringify(data),
    },
    async (request) => {
      const { code, request: sample = {}, timeoutMs = 2_000 } = request.body as TryRequest;
      await handlers.validate({ code, entrypoint: 'handler', pointer: '/body/code' });
      const headers = Object.fromEntries(
        Object.entries(sample.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const query = sample.query ?? {};
      const result = await handlers.run({
        key: handlerKey(`try-${actorOf(request).id}`, code),
        code,
        entrypoint: 'handler',
        args: {
          body: sample.body ?? null,
          headers,
          request: {
            method: (sample.method ?? 'GET').toUpperCase(),
            path: sample.path ?? '/',
            params: {},
            query,
          },
        },
        timeoutMs,
      });
      const output = { stdout: result.stdout, stderr: result.stderr, durationMs: result.durationMs };
      if (!result.ok) return { ok: false, error: result.error, ...output };
      const { status, headers: answerHeaders, body } = result.value;
      const value = body === null ? null : body.type === 'bytes' ? body.base64 : body.value;
      return {
        ok: true,
        status,
        headers: answerHeaders,
        body: value,
        bodyType: body?.type ?? null,
        ...output,
      };
    },
  );
};
