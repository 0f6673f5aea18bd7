import { randomBytes } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { Config } from './config/config.js';
import { systemClock } from './core/ports/index.js';
import { createPasswordHasher } from './crypto/password-hashers.js';
import { AesGcmSecretBox } from './crypto/secret-box.js';
import { loadSecretKey } from './crypto/secret-key.js';
import { MqttBrokerClient } from './brokers/mqtt/mqtt-broker-client.js';
import { NatsBrokerClient } from './brokers/nats/nats-broker-client.js';
import { RabbitmqBrokerClient } from './brokers/rabbitmq/rabbitmq-broker-client.js';
import { RedisBrokerClient } from './brokers/redis/redis-broker-client.js';
import { withCredentials } from './core/queues/broker-url.js';
import { QueueMocks } from './services/queues/queue-mocks.js';
import { Bridges } from './services/bridges/bridges.js';
import { adminPlugin } from './http/admin/admin.plugin.js';
import { errorBody, handleError } from './http/error-handler.js';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import {
  createFastMockListener,
  type FastPathDeps,
  type RawResolver,
} from './http/mock/fast-mock-listener.js';
import { createFastProxyListener } from './http/mock/fast-proxy-listener.js';
import {
  MAIN_PORT_HEADERS,
  mainPortMockRoutes,
  mainPortService,
  registerMockPortRoutes,
} from './http/mock/mock.routes.js';
import { createUpstreamAgent } from './http/mock/proxy-agent.js';
import { ProxyForwarder } from './http/mock/proxy-forwarder.js';
import { AddressGuard } from './http/mock/proxy-guard.js';
import { SESSION_COOKIE } from './http/admin/request-identity.js';
import { parseAllowList } from './core/proxy/upstream-policy.js';
import { Recorder } from './services/recorder.js';
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
import type { BrokerAdapters, ChangeFeed, HandlerRunner } from './core/ports/index.js';
import { PostgresChangeFeed } from './store/postgres-change-feed.js';
import { SingleNodeChangeFeed } from './store/single-node-change-feed.js';
import { announcedStores } from './store/announced-stores.js';
import { ChangeSync } from './services/change-sync.js';

export interface App {
  /** UI, admin API and /proxy/{service}/… */
  readonly main: FastifyInstance;
  /** Mock traffic for services that claim a host name or path prefix. */
  readonly mock: FastifyInstance;
  readonly stores: Stores;
  readonly journal: JournalWriter;
  /** Brokers and queue mocks: connections, intake, live feed. */
  readonly queues: QueueMocks;
  /** Bridges: IN queue → mapper → OUT queue, on the brokers' connections. */
  readonly bridges: Bridges;
  readonly log: Logger;
  listen(): Promise<{ mainUrl: string; mockUrl: string }>;
  /** Stops accepting, finishes in-flight requests, flushes pending writes, closes the store. */
  close(): Promise<void>;
}

interface Parts {
  config: Config;
  listeningMockPort: () => number | undefined;
  log: Logger;
  stores: Stores;
  registry: MockRegistry;
  journal: JournalWriter;
  handlers: HandlerRunner;
  queues: QueueMocks;
  bridges: Bridges;
  catalog: ServiceCatalog;
  stubs: StubCatalog;
  proxy: ProxyForwarder;
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
  const { config, log, stores, registry, journal, handlers, queues, bridges, catalog, stubs, proxy } = parts;
  const resolve = (req: IncomingMessage) => mainPortService(registry, req.url ?? '/');
  const app = baseServer(config, log, fastListeners(resolve, parts, MAIN_PORT_HEADERS));
  app.setErrorHandler(handleError);
  const { hasher, algorithm } = await createPasswordHasher();
  log.debug({ algorithm }, 'password hashing');
  const clock = systemClock;
  const auth = new AuthService({ ...stores, hasher, clock, ...config });
  const users = new UserService(stores.users, stores.sessions);
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
    queues,
    bridges,
    listeningMockPort: parts.listeningMockPort,
  });
  await app.register(mainPortMockRoutes, {
    registry,
    ...mockDeps(journal, handlers, MAIN_PORT_HEADERS, proxy),
  });
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
  proxy: ProxyForwarder,
): MockResponderDeps {
  return { journal, handlers, random: Math.random, extraHeaders, proxy };
}

/** The proxy (issue 5): SSRF-guarded keep-alive pools to the upstreams, and recording into stubs. */
function startProxy(upstreams: AddressGuard, stubs: StubCatalog, registry: MockRegistry, log: Logger) {
  return new ProxyForwarder({
    agent: createUpstreamAgent(upstreams),
    recorder: new Recorder(stubs, registry, log),
    sessionCookie: SESSION_COOKIE,
    // TOKEN_PREFIX of services/auth-service.ts; proxy-headers.int.test.ts checks a real token is stripped.
    tokenPrefix: 'ust_',
  });
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

/** Stub answers first (fast-mock-listener.ts), then services that forward (fast-proxy-listener.ts). */
function fastListeners(
  resolve: RawResolver,
  parts: Parts,
  extraHeaders: Record<string, string>,
): FastListener {
  const deps = fastDeps(parts, extraHeaders);
  const mock = createFastMockListener(resolve, deps);
  const forward = createFastProxyListener(resolve, {
    ...deps,
    ...parts.proxy.options,
    trustProxy: parts.config.trustProxy,
  });
  return (req, res) => mock(req, res) || forward(req, res);
}

function buildMock(parts: Parts): FastifyInstance {
  const { config, log, registry, journal, handlers, proxy } = parts;
  const resolve = (req: IncomingMessage) => registry.resolveMockPort(req.headers.host, req.url ?? '/');
  const app = baseServer(config, log, fastListeners(resolve, parts, {}));
  registerMockPortRoutes(app, { registry, ...mockDeps(journal, handlers, {}, proxy) });
  return app;
}

/**
 * The BrokerClient adapter of each broker kind; a kind without one is refused when registered.
 * `nodeId` goes into per-node consumer names (MQTT share-group sessions).
 */
const brokerAdapters = (nodeId: string): BrokerAdapters => ({
  rabbitmq: ({ url, username, password, connectionName, options: { prefetch: _perQueue, ...tuning } }) =>
    new RabbitmqBrokerClient({ url: withCredentials(url, username, password), connectionName, ...tuning }),
  nats: ({ url, username, password, connectionName, options: { prefetch: _perQueue, ...tuning } }) =>
    new NatsBrokerClient({ url, username, password, name: connectionName, nodeId, ...tuning }),
  mqtt: ({ url, username, password, connectionName, options: { prefetch: _perQueue, ...tuning } }) =>
    new MqttBrokerClient({ url, username, password, name: connectionName, nodeId, ...tuning }),
  redis: ({ url, username, password, connectionName, options: { prefetch: _perQueue, ...tuning } }) =>
    new RedisBrokerClient({ url, username, password, name: connectionName, nodeId, ...tuning }),
});

/** Connects every stored broker and resumes every queue mock, in the background (DESIGN §5). */
async function startQueueMocks(
  config: Config,
  log: Logger,
  stores: Stores,
  handlers: HandlerRunner,
  nodeId: string,
): Promise<QueueMocks> {
  log.info({ nodeId }, `node id ${nodeId} (in this node's broker client and consumer names)`);
  const secret = loadSecretKey(config.secretKey, config.db);
  if (secret.source === 'generated') {
    log.info(
      `generated the key that encrypts broker passwords: ${secret.file} (back it up with the database;` +
        ' several nodes on one database need the same --secret-key / UNDERSTUDY_SECRET_KEY)',
    );
  } else if (secret.source === 'ephemeral') {
    log.info('broker passwords are encrypted with a key kept in memory only');
  }
  return QueueMocks.start({
    stores,
    adapters: brokerAdapters(nodeId),
    secrets: new AesGcmSecretBox(secret.key),
    handlers,
    clock: systemClock,
    log,
    nodeId,
    bodyLimitBytes: config.queueBodyLimitBytes,
  });
}

/** LISTEN/NOTIFY on PostgreSQL, where several nodes may share the store; nothing to tell on SQLite. */
async function startChangeFeed(
  stores: Stores,
  config: Config,
  nodeId: string,
  log: Logger,
): Promise<ChangeFeed> {
  const { pool } = stores.database;
  if (!pool) return new SingleNodeChangeFeed();
  return PostgresChangeFeed.start({ url: config.db, nodeId, publisher: pool, log });
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
  // Without a stable id (port 0, tests) a random one: this run's consumer names are then its own.
  const nodeId = config.nodeId ?? randomBytes(6).toString('hex');
  const opened = await openStores(config.db);
  // Listening before anything is loaded, so a change another node makes meanwhile is not missed.
  const feed = await startChangeFeed(opened, config, nodeId, log);
  const synced: { sync?: ChangeSync } = {};
  const stores = announcedStores(opened, {
    publish: (change) => {
      synced.sync?.noteLocal(change);
      return feed.publish(change);
    },
  });
  const registry = new MockRegistry(log);
  registry.load(await stores.services.list(), await stores.stubs.listAll());
  const journal = new JournalWriter(stores.journal, () => registry.records(), systemClock, log);
  const handlers = startHandlers(config, log);
  const queues = await startQueueMocks(config, log, stores, handlers, nodeId);
  const bridges = await Bridges.start({
    stores,
    connections: queues.connections,
    handlers,
    clock: systemClock,
    log,
  });
  const sync = await ChangeSync.start({ stores, registry, queues, bridges, log }, feed);
  synced.sync = sync;
  const upstreams = new AddressGuard(parseAllowList(config.proxyAllow));
  const catalog = new ServiceCatalog(stores.services, registry, systemClock, upstreams);
  const stubs = new StubCatalog(stores.stubs, catalog, registry, systemClock, handlers);
  const proxy = startProxy(upstreams, stubs, registry, log);
  const built: { mock?: FastifyInstance } = {}; // the mock port's server, once built
  const listeningMockPort = () => {
    const address = built.mock?.server.address();
    return typeof address === 'object' && address ? address.port : undefined;
  };
  const parts = {
    config,
    log,
    stores,
    registry,
    journal,
    handlers,
    queues,
    bridges,
    catalog,
    stubs,
    proxy,
    listeningMockPort,
  };
  const main = await buildMain(parts);
  const mock = buildMock(parts);
  built.mock = mock;
  await Promise.all([main.ready(), mock.ready()]);

  return {
    main,
    mock,
    stores,
    journal,
    queues,
    bridges,
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
      await proxy.close();
      await journal.close();
      await sync.close();
      await feed.close();
      // Before the broker connections close: batches in hand settle, the last counts are written.
      await bridges.close();
      await queues.close();
      await handlers.close();
      await stores.close();
    },
  };
}
