import fastifyReplyFrom from '@fastify/reply-from';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LiveService } from '../../services/mock-registry.js';
import { respondToMock, type MockResponderDeps } from './mock-responder.js';
import { splitUrl } from './to-snapshot.js';

/** The service a mock request is for, and how many leading URL characters name it. */
export interface ResolvedService {
  readonly live: LiveService;
  readonly prefixLength: number;
}

export type ServiceResolver = (request: FastifyRequest) => ResolvedService | undefined;

function forwardsEverything(live: LiveService): boolean {
  return live.record.mode === 'proxy' && live.record.upstream !== null;
}

/**
 * Lets the mock routes of `app` forward: registers reply-from on the forwarder's keep-alive pools,
 * and answers services in `proxy` mode from an onRequest hook, that is before Fastify reads the
 * body, so any body streams straight to the upstream instead of being buffered for matching.
 * `mock` and `partial` requests go on to the routes (partial needs the body to match stubs).
 */
export function enableProxying(
  app: FastifyInstance,
  resolve: ServiceResolver,
  deps: MockResponderDeps,
): void {
  void app.register(fastifyReplyFrom, { undici: deps.proxy.dispatcher, disableRequestLogging: true });
  app.addHook('onRequest', (request, reply, done) => {
    const resolved = resolve(request);
    if (resolved === undefined || !forwardsEverything(resolved.live)) {
      done();
      return;
    }
    const { path, search } = splitUrl(request.url, resolved.prefixLength);
    // The request is served under the mode seen now, even if the service is switched meanwhile.
    respondToMock(request, reply, resolved.live, path, search, deps).then(
      () => {
        // Answered (or the client left): stop Fastify from going on to read the body and route it.
        reply.hijack();
        done();
      },
      (error: Error) => {
        if (reply.raw.headersSent) reply.hijack();
        done(error);
      },
    );
  });
}
