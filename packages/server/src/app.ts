import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { Config } from './config/config.js';
import { systemClock } from './core/ports/index.js';
import { createPasswordHasher } from './crypto/password-hashers.js';
import { adminPlugin } from './http/admin/admin.plugin.js';
import { errorBody, handleError } from './http/error-handler.js';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { createFastMockListener, type FastPathDeps } from './http/mock/fast-mock-listener.js';
import {
  MAIN_PORT_HEADERS,
  mainPortMockRoutes,
  mainPortService,
  registerMockPortRoutes,
} from './http/mock/mock.routes.js';
import type { MockResponderDeps } from './http/mock/mock-responder.js';
import { registerOpenApi } from './http/openapi.js';
import { uiRoutes } from './http/ui/ui.routes.js';
import { validatorCompiler } from './http/validation.js';
import { AuthService } from './services/auth-service.js';
import { JournalQuery } from './services/journal-query.js';
import { JournalWriter } from './services/journal-writer.js';
import { MockRegistry } from './services/mock-registry.js';
import { ServiceCatalog } from './services/service-catalog.js';
import { StubCatalog } from './services/stub-catalog.js';
import { UserService } from './services/user-service.js';
import { PythonHandlerRunner } from './sandbox/python-handler-runner.js';
import { DeferredHandlerRunner } from './services/deferred-handler-runner.js';
import { openStores, type Stores } from './store/stores.js';
import type { HandlerRunner } from './core/ports/index.js';

export interface App {
  /** UI, admin API and /proxy/{service}/… */
  readonly main: FastifyInstance;
  /** Mock traffic for services that claim a host name or path prefix. */
  readonly mock: FastifyInstance;
  readonly stores: Stores;
  readonly journal: JournalWriter;
  readonly log: Logger;
  listen(): Promise<{ mainUrl: string; mockUrl: string }>;
  /** Stops accepting, finishes in-flight requests, flushes pending writes, closes the store. */
  close(): Promise<void>;
}

interface Parts {
  config: Config;
  log: Logger;
  stores: Stores;
  registry: MockRegistry;
  journal: JournalWriter;
  handlers: HandlerRunner;
}

type FastListener = (req: IncomingMessage, res: ServerResponse) => boolean;

/** `fast` sees every request first and answers the mock traffic it can (see fast-mock-listener.ts). */
function baseServer(config: Config, log: Logger, fast: FastListener): FastifyInstance {
  const app = Fastify({
    serverFactory: (handler) => http.createServer((req, res) => fast(req, res) || handler(req, res)),
    loggerInstance: log,
    // Per-request logs would cost more than serving a stub; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    forceCloseConnections: 'idle',
  });
  app.setValidatorCompiler(validatorCompiler);
  return app as unknown as FastifyInstance;
}

async function buildMain(parts: Parts): Promise<FastifyInstance> {
  const { config, log, stores, registry, journal, handlers } = parts;
  const resolve = (req: IncomingMessage) => mainPortService(registry, req.url ?? '/');
  const app = baseServer(config, log, createFastMockListener(resolve, fastDeps(parts, MAIN_PORT_HEADERS)));
  app.setErrorHandler(handleError);
  const { hasher, algorithm } = await createPasswordHasher();
  log.debug({ algorithm }, 'password hashing');
  const clock = systemClock;
  const auth = new AuthService({ ...stores, hasher, clock, ...config });
  const users = new UserService(stores.users, stores.sessions);
  const catalog = new ServiceCatalog(stores.services, registry, clock);
  const stubs = new StubCatalog(stores.stubs, catalog, registry, clock, handlers);
  const journalQuery = new JournalQuery(stores.journal, journal, catalog);

  await registerOpenApi(app);
  await app.register(adminPlugin, {
    prefix: '/internal',
    ...config,
    auth,
    users,
    userStore: stores.users,
    catalog,
    stubs,
    registry,
    journal: journalQuery,
    journalWriter: journal,
    handlers,
  });
  await app.register(mainPortMockRoutes, { registry, ...mockDeps(journal, handlers, MAIN_PORT_HEADERS) });
  await app.register(uiRoutes, { webRoot: config.webRoot });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(errorBody('NOT_FOUND', `Nothing at ${request.method} ${request.url}`));
  });
  return app;
}

function mockDeps(
  journal: JournalWriter,
  handlers: HandlerRunner,
  extraHeaders: Record<string, string>,
): MockResponderDeps {
  return { journal, handlers, random: Math.random, extraHeaders };
}

/** Starts the Python sandbox in the background: its self-test must not delay listening. */
function startHandlers(config: Config, log: Logger): HandlerRunner {
  const sandbox = config.pythonSandbox === 'off' ? 'off' : 'bwrap';
  const started = PythonHandlerRunner.start({ sandbox, uidBase: config.pythonUidBase }).then((runner) => {
    const { status } = runner;
    if (status.warning) log.warn(status.warning);
    if (!status.ok) log.warn(`Python handlers are unavailable: ${status.reason ?? ''} ${status.fix ?? ''}`);
    else log.info(`python sandbox ready (${status.mode})`);
    return runner;
  });
  return new DeferredHandlerRunner(started);
}

function fastDeps(parts: Parts, extraHeaders: Record<string, string>): FastPathDeps {
  const { journal, handlers, log, config } = parts;
  return { journal, handlers, log, random: Math.random, extraHeaders, bodyLimitBytes: config.bodyLimitBytes };
}

function buildMock(parts: Parts): FastifyInstance {
  const { config, log, registry, journal, handlers } = parts;
  const resolve = (req: IncomingMessage) => registry.resolveMockPort(req.headers.host, req.url ?? '/');
  const app = baseServer(config, log, createFastMockListener(resolve, fastDeps(parts, {})));
  registerMockPortRoutes(app, { registry, ...mockDeps(journal, handlers, {}) });
  return app;
}

/**
 * Stops accepting and waits for in-flight requests. Keep-alive connections that fall idle once their
 * last request is answered are closed as they do, so shutdown does not wait out the keep-alive timeout.
 */
async function closeGracefully(app: FastifyInstance): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
  }
}

/** The composition root: the only place that picks concrete adapters (DESIGN §3). */
export async function buildApp(config: Config): Promise<App> {
  const log = pino({ level: config.logLevel });
  const stores = await openStores(config.db);
  const registry = new MockRegistry(log);
  registry.load(await stores.services.list(), await stores.stubs.listAll());
  const journal = new JournalWriter(stores.journal, () => registry.records(), systemClock, log);
  const handlers = startHandlers(config, log);
  const parts = { config, log, stores, registry, journal, handlers };
  const main = await buildMain(parts);
  const mock = buildMock(parts);
  await Promise.all([main.ready(), mock.ready()]);

  return {
    main,
    mock,
    stores,
    journal,
    log,
    async listen() {
      const mainUrl = await main.listen({ host: config.host, port: config.port });
      const mockUrl = await mock.listen({ host: config.host, port: config.mockPort });
      log.info(`listening main=${mainUrl}`);
      log.info(`listening mock=${mockUrl}`);
      return { mainUrl, mockUrl };
    },
    async close() {
      await Promise.all([closeGracefully(main), closeGracefully(mock)]);
      await journal.close();
      await handlers.close();
      await stores.close();
    },
  };
}
