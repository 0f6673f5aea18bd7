import { IdParams, UserList, UserPatch, UserResponse } from '@understudy/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { UserService } from '../../services/user-service.js';
import { presentUser } from './presenters.js';
import { actorOf } from './request-identity.js';
import { NoContent, SECURED, errorResponses } from './schema-helpers.js';

/** Account administration (admins only). */
export const userRoutes: FastifyPluginAsync<{ users: UserService }> = async (app, { users }) => {
  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'All accounts (admin)',
        security: SECURED,
        response: { 200: UserList, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ items: (await users.list(actorOf(request))).map(presentUser) }),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change role or disable/enable an account (admin)',
        security: SECURED,
        params: IdParams,
        body: UserPatch,
        response: { 200: UserResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id } = request.params as IdParams;
      const user = await users.update(actorOf(request), id, request.body as UserPatch);
      return { user: presentUser(user) };
    },
  );

  app.delete(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Delete an account (admin)',
        security: SECURED,
        params: IdParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await users.delete(actorOf(request), (request.params as IdParams).id);
      return reply.code(204).send();
    },
  );
};
