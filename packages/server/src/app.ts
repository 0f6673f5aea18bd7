import cookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { Config } from './config/config.js';
import { systemClock } from './core/ports/index.js';
import { createPasswordHasher } from './crypto/password-hashers.js';
import { adminPlugin } from './http/admin/admin.plugin.js';
import { errorBody, handleError } from './http/error-handler.js';
import { registerOpenApi } from './http/openapi.js';
import { uiRoutes } from './http/ui/ui.routes.js';
import { validatorCompiler } from './http/validation.js';
import { AuthService } from './services/auth-service.js';
import { UserService } from './services/user-service.js';
import { openStores, type Stores } from './store/stores.js';

export interface App {
  /** UI, admin API and /proxy/{service}/… */
  readonly main: FastifyInstance;
  /** Mock traffic for services that claim a host name or path prefix. */
  readonly mock: FastifyInstance;
  readonly stores: Stores;
  readonly log: Logger;
  listen(): Promise<{ mainUrl: string; mockUrl: string }>;
  /** Stops accepting, finishes in-flight requests, flushes pending writes, closes the store. */
  close(): Promise<void>;
}

function baseServer(config: Config, log: Logger): FastifyInstance {
  const app = Fastify({
    loggerInstance: log,
    // Per-request logs would cost more than serving a stub; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(handleError);
  return app as unknown as FastifyInstance;
}

async function buildMain(config: Config, log: Logger, stores: Stores): Promise<FastifyInstance> {
  const app = baseServer(config, log);
  const { hasher, algorithm } = await createPasswordHasher();
  log.debug({ algorithm }, 'password hashing');
  const auth = new AuthService({ ...stores, hasher, clock: systemClock, ...config });
  const users = new UserService(stores.users, stores.sessions);

  await app.register(cookie);
  await registerOpenApi(app);
  await app.register(adminPlugin, { prefix: '/internal', auth, users, ...config });
  await app.register(uiRoutes, { webRoot: config.webRoot });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(errorBody('NOT_FOUND', `Nothing at ${request.method} ${request.url}`));
  });
  return app;
}

function buildMock(config: Config, log: Logger): FastifyInstance {
  const app = baseServer(config, log);
  app.setNotFoundHandler((request, reply) => {
    const message = `No service claims ${request.headers.host ?? ''}${request.url} on the mock port`;
    void reply.code(404).send(errorBody('NO_SERVICE', message));
  });
  return app;
}

/** The composition root: the only place that picks concrete adapters (DESIGN §3). */
export async function buildApp(config: Config): Promise<App> {
  const log = pino({ level: config.logLevel });
  const stores = await openStores(config.db);
  const main = await buildMain(config, log, stores);
  const mock = buildMock(config, log);
  await Promise.all([main.ready(), mock.ready()]);

  return {
    main,
    mock,
    stores,
    log,
    async listen() {
      const mainUrl = await main.listen({ host: config.host, port: config.port });
      const mockUrl = await mock.listen({ host: config.host, port: config.mockPort });
      log.info(`listening main=${mainUrl}`);
      log.info(`listening mock=${mockUrl}`);
      return { mainUrl, mockUrl };
    },
    async close() {
      await Promise.all([main.close(), mock.close()]);
      await stores.close();
    },
  };
}
