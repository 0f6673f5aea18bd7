import { Broker, BrokerCreate, BrokerList, BrokerParams, BrokerPatch } from '@understudy/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { BrokerRecord, UserStore } from '../../core/ports/index.js';
import type { BrokerCatalog } from '../../services/queues/broker-catalog.js';
import type { QueueCatalog } from '../../services/queues/queue-catalog.js';
import { presentBroker, ownerOf } from './queue-presenters.js';
import { actorOf } from './request-identity.js';
import { NoContent, SECURED, errorResponses } from './schema-helpers.js';

export interface BrokerRoutesOptions {
  brokers: BrokerCatalog;
  queues: QueueCatalog;
  users: UserStore;
}

/** Brokers: where queue mocks live. One connection each; passwords are write-only. */
export const brokerRoutes: FastifyPluginAsync<BrokerRoutesOptions> = async (
  app,
  { brokers, queues, users },
) => {
  async function present(b: BrokerRecord, counts?: Map<string, number>): Promise<Broker> {
    const queueMocks = counts?.get(b.name) ?? (await queues.list()).filter((m) => m.broker === b.name).length;
    return presentBroker(b, {
      status: brokers.status(b.name),
      connectionName: brokers.connectionName(b.name),
      queueMocks,
      owner: await ownerOf(users, b.ownerId),
    });
  }
  const tags = ['brokers'];

  app.get(
    '/brokers',
    {
      schema: {
        tags,
        summary: 'All brokers, with their live connection status',
        security: SECURED,
        response: { 200: BrokerList, ...errorResponses(401) },
      },
    },
    async () => {
      const counts = new Map<string, number>();
      for (const m of await queues.list()) counts.set(m.broker, (counts.get(m.broker) ?? 0) + 1);
      return { items: await Promise.all((await brokers.list()).map((b) => present(b, counts))) };
    },
  );

  app.post(
    '/brokers',
    {
      schema: {
        tags,
        summary: 'Register a broker (you become its owner); it connects at once',
        description:
          'Credentials may be given as username/password or inside the URL; either way they are stored ' +
          'encrypted and never returned. The answer comes after the first connection attempt (at most ~3 s).',
        security: SECURED,
        body: BrokerCreate,
        response: { 201: Broker, ...errorResponses(400, 401, 409) },
      },
    },
    async (request, reply) => {
      const created = await brokers.create(actorOf(request), request.body as BrokerCreate);
      return reply.code(201).send(await present(created));
    },
  );

  app.get(
    '/brokers/:name',
    {
      schema: {
        tags,
        summary: 'One broker, with its live status (connected, reconnecting or failed with the last error)',
        security: SECURED,
        params: BrokerParams,
        response: { 200: Broker, ...errorResponses(401, 404) },
      },
    },
    async (request) => present(await brokers.get((request.params as BrokerParams).name)),
  );

  app.patch(
    '/brokers/:name',
    {
      schema: {
        tags,
        summary: 'Change URL, credentials or options; the broker reconnects and its queue mocks resume',
        security: SECURED,
        params: BrokerParams,
        body: BrokerPatch,
        response: { 200: Broker, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { name } = request.params as BrokerParams;
      return present(await brokers.update(actorOf(request), name, request.body as BrokerPatch));
    },
  );

  app.delete(
    '/brokers/:name',
    {
      schema: {
        tags,
        summary: 'Remove a broker and close its connection (409 while queue mocks still use it)',
        security: SECURED,
        params: BrokerParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await brokers.delete(actorOf(request), (request.params as BrokerParams).name);
      return reply.code(204).send();
    },
  );
};
