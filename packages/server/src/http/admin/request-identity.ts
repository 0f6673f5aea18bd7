import type { FastifyInstance, FastifyRequest } from 'fastify';
import { toActor, type AuthService } from '../../services/auth-service.js';
import type { Actor } from '../../core/auth/actor.js';
import { ForbiddenError, UnauthenticatedError } from '../../core/errors.js';

export const SESSION_COOKIE = 'understudy_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null for an anonymous call. */
    actor: Actor | null;
    /** How the actor was identified; CSRF rules apply to cookies only. */
    authVia: 'cookie' | 'token' | null;
  }
  interface FastifyContextConfig {
    /** Route answers anonymous calls (register, login, options). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

async function identify(request: FastifyRequest, auth: AuthService): Promise<void> {
  const token = bearer(request);
  if (token !== undefined) {
    const user = await auth.userForToken(token);
    if (!user) throw new UnauthenticatedError('The API token is unknown or revoked; create a new one');
    request.actor = toActor(user);
    request.authVia = 'token';
    return;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  const user = cookie ? await auth.userForSession(cookie) : undefined;
  if (user) {
    request.actor = toActor(user);
    request.authVia = 'cookie';
  }
}

/**
 * A browser sends cookies with cross-site requests; a state change by cookie must therefore be
 * JSON (which a cross-site form cannot send) and carry our own Origin (DESIGN §6).
 */
function assertSameOriginJson(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const sentCookie = request.authVia === 'cookie' || SESSION_COOKIE in request.cookies;
  const origin = request.headers.origin;
  if (!sentCookie && origin === undefined) return; // a script without a browser: nothing to forge
  const expected = `${request.protocol}://${request.host}`;
  if (origin !== expected) {
    throw new ForbiddenError(`Cross-origin request refused: Origin must be ${expected}`);
  }
  if (sentCookie && !request.headers['content-type']?.startsWith('application/json')) {
    throw new ForbiddenError(
      'Requests signed in by cookie must send a JSON body (Content-Type: application/json)',
    );
  }
}

/** Resolves `request.actor` for every /internal route and refuses anonymous calls to non-public ones. */
export function registerIdentity(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);
  app.addHook('onRequest', async (request) => {
    await identify(request, auth);
    assertSameOriginJson(request);
    if (!request.actor && !request.routeOptions.config.public) {
      throw new UnauthenticatedError(
        'Sign in first (session cookie) or send "Authorization: Bearer <API token>"',
      );
    }
  });
}

/** The actor of a route that is not public: the hook above guarantees one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError('Sign in first');
  return request.actor;
}
