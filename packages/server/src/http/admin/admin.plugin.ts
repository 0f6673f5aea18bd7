import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import type { AuthService } from '../../services/auth-service.js';
import type { JournalQuery } from '../../services/journal-query.js';
import type { JournalWriter } from '../../services/journal-writer.js';
import type { MockRegistry } from '../../services/mock-registry.js';
import type { ServiceCatalog } from '../../services/service-catalog.js';
import type { StubCatalog } from '../../services/stub-catalog.js';
import type { HandlerRunner, UserStore } from '../../core/ports/index.js';
import type { UserService } from '../../services/user-service.js';
import type { QueueMocks } from '../../services/queues/queue-mocks.js';
import type { Bridges } from '../../services/bridges/bridges.js';
import { errorBody } from '../error-handler.js';
import { authRoutes, type AuthRoutesOptions } from './auth.routes.js';
import { bridgeDeadLetterRoutes } from './bridge-dead-letter.routes.js';
import { bridgeRoutes } from './bridge.routes.js';
import { brokerRoutes } from './broker.routes.js';
import { handlerRoutes } from './handler.routes.js';
import { journalRoutes } from './journal.routes.js';
import { queueMessageRoutes } from './queue-message.routes.js';
import { queueRoutes } from './queue.routes.js';
import { registerIdentity } from './request-identity.js';
import { serviceRoutes } from './service.routes.js';
import { stubRoutes } from './stub.routes.js';
import { tokenRoutes } from './token.routes.js';
import { userRoutes } from './user.routes.js';

export interface AdminOptions extends Omit<AuthRoutesOptions, 'auth'> {
  auth: AuthService;
  users: UserService;
  userStore: UserStore;
  catalog: ServiceCatalog;
  stubs: StubCatalog;
  registry: MockRegistry;
  journal: JournalQuery;
  journalWriter: JournalWriter;
  handlers: HandlerRunner;
  queues: QueueMocks;
  bridges: Bridges;
  /** The mock port's real port once it listens (the configured one may be 0). */
  listeningMockPort?: () => number | undefined;
}

/** The admin API under /internal: identity and CSRF rules apply here and nowhere else. */
export const adminPlugin: FastifyPluginAsync<AdminOptions> = async (app, options) => {
  // Cookies matter to the admin API only; mock traffic does not pay for parsing them.
  await app.register(cookie);
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
  const { catalog, registry, userStore } = options;
  await app.register(serviceRoutes, {
    catalog,
    registry,
    users: userStore,
    listeningMockPort: options.listeningMockPort,
  });
  await app.register(stubRoutes, { stubs: options.stubs });
  await app.register(journalRoutes, { journal: options.journal, writer: options.journalWriter });
  await app.register(handlerRoutes, { handlers: options.handlers });
  const { brokers, queues, messages, feed } = options.queues;
  await app.register(brokerRoutes, { brokers, queues, users: userStore });
  await app.register(queueRoutes, { queues, brokers, users: userStore });
  await app.register(queueMessageRoutes, { queues, messages, feed });
  const { bridges, handlers } = options;
  await app.register(bridgeRoutes, { bridges, handlers, users: userStore });
  await app.register(bridgeDeadLetterRoutes, { deadLetters: bridges.deadLetters });

  app.setNotFoundHandler({}, (request, reply) => {
    void reply.code(404).send(errorBody('NOT_FOUND', `No admin endpoint ${request.method} ${request.url}`));
  });
};
