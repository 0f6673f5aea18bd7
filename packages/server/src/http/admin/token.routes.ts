import { ApiTokenCreated, ApiTokenList, IdParams, TokenCreate } from '@understudy/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { NotFoundError } from '../../core/errors.js';
import type { AuthService } from '../../services/auth-service.js';
import { presentToken } from './presenters.js';
import { actorOf } from './request-identity.js';
import { NoContent, SECURED, errorResponses } from './schema-helpers.js';

/** API tokens for scripts and CI: `Authorization: Bearer <token>`. */
export const tokenRoutes: FastifyPluginAsync<{ auth: AuthService }> = async (app, { auth }) => {
  app.get(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Your API tokens (without their secret)',
        security: SECURED,
        response: { 200: ApiTokenList, ...errorResponses(401) },
      },
    },
    async (request) => ({ items: (await auth.listTokens(actorOf(request))).map(presentToken) }),
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the token is shown in this answer only',
        security: SECURED,
        body: TokenCreate,
        response: { 201: ApiTokenCreated, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { name } = request.body as TokenCreate;
      const { record, token } = await auth.createToken(actorOf(request), name);
      return reply.code(201).send({ ...presentToken(record), token });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke one of your API tokens',
        security: SECURED,
        params: IdParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params as IdParams;
      if (!(await auth.revokeToken(actorOf(request), id)))
        throw new NotFoundError(`You have no token with id "${id}"`);
      return reply.code(204).send();
    },
  );
};
