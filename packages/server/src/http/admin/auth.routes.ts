import { AuthOptions, Credentials, LoginRequest, UserResponse } from '@understudy/contracts';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { AuthService } from '../../services/auth-service.js';
import { presentUser } from './presenters.js';
import { SESSION_COOKIE, actorOf } from './request-identity.js';
import { NoContent, SECURED, errorResponses } from './schema-helpers.js';

export interface AuthRoutesOptions {
  auth: AuthService;
  registration: 'open' | 'closed';
  secureCookies: boolean;
  loginRateLimit: { max: number; windowMs: number };
}

export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, options) => {
  const { auth } = options;

  async function signIn(reply: FastifyReply, userId: string) {
    const session = await auth.startSession(userId);
    void reply.setCookie(SESSION_COOKIE, session.secret, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies,
      expires: new Date(session.expiresAt),
    });
  }

  app.get(
    '/auth/options',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'What the sign-in screen needs to know',
        response: { 200: AuthOptions },
      },
    },
    async (request) => ({ registration: await auth.registrationFor(request.actor ?? undefined) }),
  );

  app.post(
    '/auth/register',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Create an account (the first one becomes admin) and sign in',
        body: Credentials,
        response: { 201: UserResponse, ...errorResponses(400, 403, 409) },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body as Credentials;
      const user = await auth.register(username, password, request.actor ?? undefined);
      // An admin creating an account for someone stays signed in as themselves.
      if (!request.actor) await signIn(reply, user.id);
      return reply.code(201).send({ user: presentUser(user) });
    },
  );

  app.post(
    '/auth/login',
    {
      config: {
        public: true,
        rateLimit: { max: options.loginRateLimit.max, timeWindow: options.loginRateLimit.windowMs },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets an HttpOnly session cookie',
        body: LoginRequest,
        response: { 200: UserResponse, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body as LoginRequest;
      const user = await auth.login(username, password);
      await signIn(reply, user.id);
      return { user: presentUser(user) };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Sign out: ends the session', response: { 204: NoContent } },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await auth.endSession(cookie);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        security: SECURED,
        response: { 200: UserResponse, ...errorResponses(401) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await auth.userById(actor.id);
      return { user: presentUser(user) };
    },
  );
};
