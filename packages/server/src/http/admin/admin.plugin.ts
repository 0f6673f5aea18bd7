import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import type { AuthService } from '../../services/auth-service.js';
import type { UserService } from '../../services/user-service.js';
import { errorBody } from '../error-handler.js';
import { authRoutes, type AuthRoutesOptions } from './auth.routes.js';
import { registerIdentity } from './request-identity.js';
import { tokenRoutes } from './token.routes.js';
import { userRoutes } from './user.routes.js';

export interface AdminOptions extends Omit<AuthRoutesOptions, 'auth'> {
  auth: AuthService;
  users: UserService;
}

/** The admin API under /internal: identity and CSRF rules apply here and nowhere else. */
export const adminPlugin: FastifyPluginAsync<AdminOptions> = async (app, options) => {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Too many attempts; try again in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });
  // The admin API speaks JSON only; anything else is a 415 that says so.
  app.removeContentTypeParser('text/plain');
  registerIdentity(app, options.auth);
  const { auth, registration, secureCookies, loginRateLimit } = options;
  await app.register(authRoutes, { auth, registration, secureCookies, loginRateLimit });
  await app.register(tokenRoutes, { auth: options.auth });
  await app.register(userRoutes, { users: options.users });

  app.setNotFoundHandler({}, (request, reply) => {
    void reply.code(404).send(errorBody('NOT_FOUND', `No admin endpoint ${request.method} ${request.url}`));
  });
};
