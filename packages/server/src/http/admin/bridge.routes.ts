import {
  Bridge,
  BridgeCreate,
  BridgeHopList,
  BridgeHopQuery,
  BridgeList,
  BridgeParams,
  BridgePatch,
  BridgeTryRequest,
  BridgeTryResult,
} from '@understudy/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { BridgeRecord, HandlerRunner, UserStore } from '../../core/ports/index.js';
import type { Bridges } from '../../services/bridges/bridges.js';
import { tryMapper } from '../../services/bridges/bridge-try.js';
import { presentBridge, presentHop, presentTry } from './bridge-presenters.js';
import { mapperAwareValidator } from './mapper-issues.js';
import { ownerOf } from './queue-presenters.js';
import { actorOf } from './request-identity.js';
import { NoContent, SECURED, errorResponses } from './schema-helpers.js';

export interface BridgeRoutesOptions {
  bridges: Bridges;
  handlers: HandlerRunner;
  users: UserStore;
}

// Bodies and templates are arbitrary JSON; the schemas document them, answers go out as built.
const asBuilt = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };
const withMapper = { validatorCompiler: mapperAwareValidator, ...asBuilt };
const tags = ['bridges'];

/** Bridges: IN queue → mapper → OUT queue, at least once. Dead letters: bridge-dead-letter.routes.ts. */
export const bridgeRoutes: FastifyPluginAsync<BridgeRoutesOptions> = async (
  app,
  { bridges, handlers, users },
) => {
  async function present(b: BridgeRecord): Promise<Bridge> {
    const [stats, owner] = await Promise.all([bridges.stats(b.id), ownerOf(users, b.ownerId)]);
    return presentBridge(b, { status: bridges.status(b.id), stats, owner });
  }
  const { catalog } = bridges;

  app.get(
    '/bridges',
    {
      ...asBuilt,
      schema: {
        tags,
        summary: 'All bridges, with live status and counters',
        security: SECURED,
        response: { 200: BridgeList, ...errorResponses(401) },
      },
    },
    async () => ({ items: await Promise.all((await catalog.list()).map(present)) }),
  );

  app.post(
    '/bridges',
    {
      ...withMapper,
      schema: {
        tags,
        summary: 'Create a bridge (you become its owner); it starts at once unless enabled is false',
        description:
          'Python mapper code is checked like a handler: a syntax error is a 400 with its line and column ' +
          'at /body/mapper/code. A missing IN or OUT queue does not fail the create: the status says it.',
        security: SECURED,
        body: BridgeCreate,
        response: { 201: Bridge, ...errorResponses(400, 401, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const created = await catalog.create(actorOf(request), request.body as BridgeCreate);
      return reply.code(201).send(await present(created));
    },
  );

  app.post(
    '/bridges/try',
    {
      ...withMapper,
      schema: {
        tags,
        summary: 'Run a mapper once on a pasted message (nothing is published or saved)',
        security: SECURED,
        body: BridgeTryRequest,
        response: { 200: BridgeTryResult, ...errorResponses(400, 401, 503) },
      },
    },
    async (request) =>
      presentTry(await tryMapper(handlers, actorOf(request), request.body as BridgeTryRequest)),
  );

  app.get(
    '/bridges/:id',
    {
      ...asBuilt,
      schema: {
        tags,
        summary: 'One bridge with its status (running, paused, waiting for IN/OUT …) and counters',
        security: SECURED,
        params: BridgeParams,
        response: { 200: Bridge, ...errorResponses(401, 404) },
      },
    },
    async (request) => present(await catalog.get((request.params as BridgeParams).id)),
  );

  app.patch(
    '/bridges/:id',
    {
      ...withMapper,
      schema: {
        tags,
        summary: 'Change a bridge; enabled pauses or resumes it. Nothing read is lost either way',
        security: SECURED,
        params: BridgeParams,
        body: BridgePatch,
        response: { 200: Bridge, ...errorResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const { id } = request.params as BridgeParams;
      return present(await catalog.update(actorOf(request), id, request.body as BridgePatch));
    },
  );

  app.delete(
    '/bridges/:id',
    {
      schema: {
        tags,
        summary: 'Stop and forget a bridge and its dead letters (its queues stay)',
        security: SECURED,
        params: BridgeParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await catalog.delete(actorOf(request), (request.params as BridgeParams).id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/bridges/:id/hops',
    {
      ...asBuilt,
      schema: {
        tags,
        summary: 'The last input → output pairs on this server, newest first (kept in memory)',
        security: SECURED,
        params: BridgeParams,
        querystring: BridgeHopQuery,
        response: { 200: BridgeHopList, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { id } = request.params as BridgeParams;
      await catalog.get(id);
      const { limit = 20 } = request.query as BridgeHopQuery;
      return { items: bridges.hops.latest(id, limit).map(presentHop) };
    },
  );
};
