import { Service, ServiceCreate, ServiceList, ServiceParams, ServicePatch } from '@understudy/contracts';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ServiceRecord, UserStore } from '../../core/ports/index.js';
import { proxySettingsOf } from '../../core/proxy/proxy-settings.js';
import type { MockRegistry } from '../../services/mock-registry.js';
import { modeHistoryOf, type ServiceCatalog } from '../../services/service-catalog.js';
import { actorOf } from './request-identity.js';
import { NoContent, SECURED, errorResponses } from './schema-helpers.js';

export interface ServiceRoutesOptions {
  catalog: ServiceCatalog;
  registry: MockRegistry;
  users: UserStore;
  /** The port the mock port listens on, once known; without it services show no mock-port URL. */
  listeningMockPort?: () => number | undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Services: what Understudy stands in for, and whether it mocks or forwards. */
export const serviceRoutes: FastifyPluginAsync<ServiceRoutesOptions> = async (
  app,
  { catalog, registry, users, listeningMockPort },
) => {
  /** The mock port at the host name the caller used to reach this one. */
  function mockPortUrl(request: FastifyRequest): string | null {
    const port = listeningMockPort?.();
    return port ? `${request.protocol}://${request.hostname}:${port}` : null;
  }

  async function present(request: FastifyRequest, s: ServiceRecord): Promise<Service> {
    const owner = await users.findById(s.ownerId);
    return {
      name: s.name,
      description: s.description,
      mode: s.mode,
      upstream: s.upstream,
      claims: s.claims,
      journal: s.journal,
      proxy: proxySettingsOf(s),
      owner: { id: s.ownerId, username: owner?.username ?? '(deleted user)' },
      stubCount: registry.stubCount(s.name),
      createdAt: iso(s.createdAt),
      updatedAt: iso(s.updatedAt),
      modeChangedAt: iso(s.modeChangedAt),
      modeChangedBy: s.modeChangedBy,
      modeHistory: modeHistoryOf(s).map((change) => ({ ...change, at: iso(change.at) })),
      url: `${request.protocol}://${request.host}/proxy/${s.name}`,
      mockPortUrl: mockPortUrl(request),
    };
  }
  const tags = ['services'];

  app.get(
    '/services',
    {
      schema: {
        tags,
        summary: 'All services',
        security: SECURED,
        response: { 200: ServiceList, ...errorResponses(401) },
      },
    },
    async (request) => ({ items: await Promise.all((await catalog.list()).map((s) => present(request, s))) }),
  );

  app.post(
    '/services',
    {
      schema: {
        tags,
        summary: 'Create a service (you become its owner)',
        security: SECURED,
        body: ServiceCreate,
        response: { 201: Service, ...errorResponses(400, 401, 409) },
      },
    },
    async (request, reply) => {
      const created = await catalog.create(actorOf(request), request.body as ServiceCreate);
      return reply.code(201).send(await present(request, created));
    },
  );

  app.get(
    '/services/:name',
    {
      schema: {
        tags,
        summary: 'One service',
        security: SECURED,
        params: ServiceParams,
        response: { 200: Service, ...errorResponses(401, 404) },
      },
    },
    async (request) => present(request, await catalog.get((request.params as ServiceParams).name)),
  );

  app.patch(
    '/services/:name',
    {
      schema: {
        tags,
        summary:
          'Change a service: switch its mode (mock / proxy / partial), upstream, proxy settings, claims, journal',
        security: SECURED,
        params: ServiceParams,
        body: ServicePatch,
        response: { 200: Service, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { name } = request.params as ServiceParams;
      return present(request, await catalog.update(actorOf(request), name, request.body as ServicePatch));
    },
  );

  app.delete(
    '/services/:name',
    {
      schema: {
        tags,
        summary: 'Delete a service with its stubs and journal',
        security: SECURED,
        params: ServiceParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await catalog.delete(actorOf(request), (request.params as ServiceParams).name);
      return reply.code(204).send();
    },
  );
};
