import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { errorBody } from '../error-handler.js';
import type { MockRegistry } from '../../services/mock-registry.js';
import { journalRefusal } from './mock-journal-errors.js';
import { respondToMock, type MockResponderDeps } from './mock-responder.js';
import { enableProxying } from './proxy-hooks.js';
import { acceptRawBodies } from './raw-body.js';
import { splitUrl } from './to-snapshot.js';

export interface MockRoutesOptions extends MockResponderDeps {
  registry: MockRegistry;
}

// A mocked page must never act as the signed-in user of the UI on the same origin (DESIGN §6).
export const MAIN_PORT_HEADERS = {
  'content-security-policy': 'sandbox allow-scripts allow-forms allow-popups',
};

const PREFIX = '/proxy/';

// A child logger per request costs more than serving a stub; mock routes log through the app's own.
const MOCK_ROUTE = { schema: { hide: true }, childLoggerFactory: (logger: FastifyBaseLogger) => logger };

const SLASH = 0x2f;
const QUESTION_MARK = 0x3f;

function serviceNameOf(url: string): string {
  let end = PREFIX.length;
  for (; end < url.length; end++) {
    const c = url.charCodeAt(end);
    if (c === SLASH || c === QUESTION_MARK) break;
  }
  return url.slice(PREFIX.length, end);
}

/** The service a main-port URL names, for the fast path; undefined for anything else. */
export function mainPortService(registry: MockRegistry, url: string) {
  if (!url.startsWith(PREFIX)) return undefined;
  const name = serviceNameOf(url);
  const live = registry.get(name);
  return live && { live, prefixLength: PREFIX.length + name.length };
}

/** `/proxy/{service}/…` on the main port: the original URL scheme, no sign-in needed. */
export const mainPortMockRoutes: FastifyPluginAsync<MockRoutesOptions> = async (app, options) => {
  const { registry, journal } = options;
  acceptRawBodies(app);
  enableProxying(
    app,
    (request) => {
      const name = serviceNameOf(request.url);
      const live = registry.get(name);
      return live && { live, prefixLength: PREFIX.length + name.length };
    },
    options,
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const name = serviceNameOf(request.url);
    journalRefusal(
      journal,
      registry.get(name) ? name : undefined,
      error,
      request,
      reply,
      options.extraHeaders,
    );
  });

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const name = serviceNameOf(request.url);
    const live = registry.get(name);
    if (!live) {
      const message = `No service named "${name}"; create it in the UI or with POST /internal/services`;
      return reply.code(404).headers(options.extraHeaders).send(errorBody('NO_SERVICE', message));
    }
    const { path, search } = splitUrl(request.url, PREFIX.length + name.length);
    await respondToMock(request, reply, live, path, search, options);
    return reply;
  };
  app.all('/proxy/:service', MOCK_ROUTE, handler);
  app.all('/proxy/:service/*', MOCK_ROUTE, handler);
};

/** The mock port: a service is chosen by the Host it claims or by its path prefix. */
export function registerMockPortRoutes(app: FastifyInstance, options: MockRoutesOptions): void {
  const { registry, journal } = options;
  acceptRawBodies(app);
  enableProxying(app, (request) => registry.resolveMockPort(request.headers.host, request.url), options);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const resolved = registry.resolveMockPort(request.headers.host, request.url);
    journalRefusal(journal, resolved?.live.record.name, error, request, reply, {});
  });
  app.all('/*', MOCK_ROUTE, async (request, reply) => {
    const resolved = registry.resolveMockPort(request.headers.host, request.url);
    if (!resolved) {
      const message = `No service claims host "${request.headers.host ?? ''}" or a prefix of ${request.url}; set "claims" on a service`;
      return reply.code(404).send(errorBody('NO_SERVICE', message));
    }
    const { path, search } = splitUrl(request.url, resolved.prefixLength);
    await respondToMock(request, reply, resolved.live, path, search, options);
    return reply;
  });
}
